import pg from "pg";

export interface AuditChainReport {
  ok: boolean;
  /** Rows whose hash and link were checked. */
  checked: number;
  /** The first problem found, in chain order. */
  firstBrokenLink?: { id: string; problem: string };
  /** Rows written but not yet chained by the sealer (audit log), and the oldest one's age in seconds. */
  unsealed?: { rows: number; oldestSeconds: number };
}

interface ChainRow {
  id: string;
  /** Its place in the chain: the chain position (audit log) or the id (activity log). */
  position: string;
  prev_hash: string;
  hash: string;
  expected: string;
  /** False when a row's personal fields no longer match their digest (activity log). */
  personal_ok: boolean;
}

/** The two hash chains the database keeps, and how to recompute a row of each. */
const CHAINS = {
  /**
   * Every change to business data (migration audit_trail), in the order the sealer chained it
   * (migration audit_chain_sealed_in_batches); rows not yet sealed are counted, not checked.
   */
  audit: {
    head: "SELECT last_id, last_hash, anchor_id, anchor_hash FROM audit_chain WHERE id = 1",
    rows: `SELECT id::text, chain_position::text AS position, prev_hash, hash, audit_log_hash(a) AS expected,
                  true AS personal_ok
             FROM audit_logs a WHERE a.chain_position > $1 ORDER BY a.chain_position LIMIT $2`,
    unsealed: `SELECT count(*)::int AS rows, coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8 AS oldest
                 FROM audit_logs WHERE chain_position IS NULL`,
  },
  /**
   * What people did (migration activity_log_append_only). A row not yet anonymised must still
   * match the digest of its personal fields; an anonymised one must hold none.
   */
  activity: {
    head: "SELECT last_id, last_hash, 0 AS anchor_id, '' AS anchor_hash FROM activity_chain WHERE id = 1",
    rows: `SELECT id::text, id::text AS position, prev_hash, hash, activity_log_hash(a) AS expected,
                  CASE WHEN a.anonymized_at IS NULL
                       THEN a.personal_salt IS NOT NULL AND a.personal_digest = activity_personal_digest(a)
                       ELSE a.personal_salt IS NULL AND a.ip_address IS NULL AND a.user_agent IS NULL
                            AND a.metadata IS NULL END AS personal_ok
             FROM activity_logs a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
    unsealed: undefined,
  },
} as const;

export type ChainName = keyof typeof CHAINS;
export const CHAIN_NAMES = Object.keys(CHAINS) as ChainName[];

/**
 * Walks one chain in id order and checks, for every row, that its content still hashes to its
 * stored hash (nobody altered it) and that it links to the row before it (nobody removed or
 * inserted one). The chain head row says where the chain ends, so a removed tail is caught too;
 * after retention purged the oldest audit rows, that chain starts at the recorded anchor.
 * Read-only, in batches; `onProgress` gets the number of rows checked so far.
 */
export async function verifyChain(
  databaseUrl: string,
  chain: ChainName,
  options: { batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const head = (
      await client.query<{ last_id: string; last_hash: string; anchor_id: string; anchor_hash: string }>(
        CHAINS[chain].head,
      )
    ).rows[0];
    if (!head) return { ok: false, checked: 0, firstBrokenLink: { id: "-", problem: "the chain head row is missing" } };

    let previousHash = head.anchor_hash;
    let lastId = String(head.anchor_id);
    let checked = 0;
    for (;;) {
      const { rows } = await client.query<ChainRow>(CHAINS[chain].rows, [lastId, batchSize]);
      for (const row of rows) {
        if (row.prev_hash !== previousHash) {
          return broken(checked, row.id, "does not link to the row before it: a row before it was removed or altered");
        }
        if (row.hash !== row.expected) {
          return broken(checked, row.id, "its content no longer matches its hash: the row was altered");
        }
        if (!row.personal_ok) {
          return broken(checked, row.id, "its personal fields no longer match their digest: the row was altered");
        }
        previousHash = row.hash;
        lastId = row.position;
        checked += 1;
      }
      options.onProgress?.(checked);
      if (rows.length < batchSize) break;
    }
    if (previousHash !== head.last_hash || lastId !== String(head.last_id)) {
      return broken(
        checked,
        head.last_id,
        `the chain should end at position ${head.last_id}: rows at its end were removed`,
      );
    }
    const unsealedSql = CHAINS[chain].unsealed;
    if (!unsealedSql) return { ok: true, checked };
    const unsealed = (await client.query<{ rows: number; oldest: number }>(unsealedSql)).rows[0]!;
    return { ok: true, checked, unsealed: { rows: unsealed.rows, oldestSeconds: unsealed.oldest } };
  } finally {
    await client.end();
  }
}

/** The audit log's chain (verifyChain). */
export function verifyAuditChain(databaseUrl: string, options: Parameters<typeof verifyChain>[2] = {}) {
  return verifyChain(databaseUrl, "audit", options);
}

function broken(checked: number, id: string, problem: string): AuditChainReport {
  return { ok: false, checked, firstBrokenLink: { id, problem } };
}
