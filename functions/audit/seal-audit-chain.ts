/** What the sealer needs of a database client: one raw query (Prisma's $queryRaw, or pg). */
export interface SealerDatabase {
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** Rows per call of a chain's sealer: one short transaction each, so retention's purge never waits long. */
export const SEAL_BATCH_ROWS = 5000;

interface SealOptions {
  batchRows?: number;
  onProgress?: (sealed: number) => void;
}

/** Calls one batch sealer until a batch comes back short; returns how many rows it sealed. */
async function sealInBatches(
  sealBatch: (batchRows: number) => PromiseLike<{ sealed: number }[]>,
  options: SealOptions,
): Promise<number> {
  const batchRows = options.batchRows ?? SEAL_BATCH_ROWS;
  let total = 0;
  for (;;) {
    const [row] = await sealBatch(batchRows);
    const sealed = row?.sealed ?? 0;
    total += sealed;
    if (sealed > 0) options.onProgress?.(total);
    if (sealed < batchRows) return total;
  }
}

/**
 * Chains every audit row committed so far (migration audit_chain_sealed_in_batches). Returns how
 * many rows it sealed; 0 also when another sealer holds the chain (it will have sealed them).
 */
export function sealAuditChain(database: SealerDatabase, options: SealOptions = {}): Promise<number> {
  return sealInBatches(
    (batchRows) => database.$queryRaw<{ sealed: number }[]>`SELECT seal_audit_logs(${batchRows}::int) AS sealed`,
    options,
  );
}

/**
 * Chains every activity row committed so far (migration activity_chain_sealed_in_batches), as
 * sealAuditChain does for the audit log.
 */
export function sealActivityChain(database: SealerDatabase, options: SealOptions = {}): Promise<number> {
  return sealInBatches(
    (batchRows) => database.$queryRaw<{ sealed: number }[]>`SELECT seal_activity_logs(${batchRows}::int) AS sealed`,
    options,
  );
}
