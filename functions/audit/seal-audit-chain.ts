/** What the sealer needs of a database client: one raw query (Prisma's $queryRaw, or pg). */
export interface SealerDatabase {
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** Rows per call of seal_audit_logs(): one short transaction each, so retention's purge never waits long. */
export const SEAL_BATCH_ROWS = 5000;

/**
 * Chains every audit row committed so far (migration audit_chain_sealed_in_batches): calls the
 * database's sealer in batches until a batch comes back short. Returns how many rows it sealed;
 * 0 also when another sealer holds the chain (it will have sealed them).
 */
export async function sealAuditChain(
  database: SealerDatabase,
  options: { batchRows?: number; onProgress?: (sealed: number) => void } = {},
): Promise<number> {
  const batchRows = options.batchRows ?? SEAL_BATCH_ROWS;
  let total = 0;
  for (;;) {
    const [row] = await database.$queryRaw<{ sealed: number }[]>`SELECT seal_audit_logs(${batchRows}::int) AS sealed`;
    const sealed = row?.sealed ?? 0;
    total += sealed;
    if (sealed > 0) options.onProgress?.(total);
    if (sealed < batchRows) return total;
  }
}
