import pg from "pg";

export interface AuditChainReport {
  ok: boolean;
  /** Rows whose hash and link were checked. */
  checked: number;
  /** The first problem found, in chain order. */
  firstBrokenLink?: { id: string; problem: string };
}

interface ChainRow {
  id: string;
  prev_hash: string;
  hash: string;
  expected: string;
}

/**
 * Walks the audit log in chain (id) order and checks, for every row, that its content still
 * hashes to its stored hash (nobody altered it) and that it links to the row before it (nobody
 * removed one). The chain head row says where the chain ends, so a removed tail is caught too;
 * after retention purged the oldest rows, the chain starts at the recorded anchor.
 * Read-only, in batches; `onProgress` gets the number of rows checked so far.
 */
export async function verifyAuditChain(
  databaseUrl: string,
  options: { batchSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const head = (
      await client.query<{ last_id: string; last_hash: string; anchor_id: string; anchor_hash: string }>(
        "SELECT last_id, last_hash, anchor_id, anchor_hash FROM audit_chain WHERE id = 1",
      )
    ).rows[0];
    if (!head) return { ok: false, checked: 0, firstBrokenLink: { id: "-", problem: "the chain head row is missing" } };

    let previousHash = head.anchor_hash;
    let lastId = head.anchor_id;
    let checked = 0;
    for (;;) {
      const { rows } = await client.query<ChainRow>(
        `SELECT id::text, prev_hash, hash, audit_log_hash(a) AS expected
           FROM audit_logs a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
        [lastId, batchSize],
      );
      for (const row of rows) {
        if (row.prev_hash !== previousHash) {
          return broken(checked, row.id, "does not link to the row before it: a row before it was removed or altered");
        }
        if (row.hash !== row.expected) {
          return broken(checked, row.id, "its content no longer matches its hash: the row was altered");
        }
        previousHash = row.hash;
        lastId = row.id;
        checked += 1;
      }
      options.onProgress?.(checked);
      if (rows.length < batchSize) break;
    }
    if (previousHash !== head.last_hash || lastId !== head.last_id) {
      return broken(checked, head.last_id, `the chain should end at row ${head.last_id}: rows at its end were removed`);
    }
    return { ok: true, checked };
  } finally {
    await client.end();
  }
}

function broken(checked: number, id: string, problem: string): AuditChainReport {
  return { ok: false, checked, firstBrokenLink: { id, problem } };
}
