import pg from "pg";
import type { AuditAnchor } from "./audit-anchors.ts";
import { rowsWaitingForSealerSql } from "./rows-waiting-for-sealer.ts";

export interface AuditChainReport {
  ok: boolean;
  /** Rows whose hash and link were checked. */
  checked: number;
  /** The first problem found, in chain order. */
  firstBrokenLink?: { id: string; problem: string };
  /** Rows written but not yet chained by the sealer (audit log), and the oldest one's age in seconds. */
  unsealed?: { rows: number; oldestSeconds: number };
  /**
   * The anchors written outside the database that were compared (audit log, when given): the
   * newest one's position, and how many sealed rows come after it (checked only inside).
   */
  anchors?: { checked: number; newestPosition: string | null; rowsAfterNewest: number };
}

interface ChainRow {
  id: string;
  /** Its place in the chain: its chain position. */
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
    unsealed: rowsWaitingForSealerSql("audit_logs"),
  },
  /**
   * What people did (migration activity_log_append_only), in the order the sealer chained it
   * (migration activity_chain_sealed_in_batches). A row not yet anonymised must still match the
   * digest of its personal fields; an anonymised one must hold none.
   */
  activity: {
    head: "SELECT last_id, last_hash, 0 AS anchor_id, '' AS anchor_hash FROM activity_chain WHERE id = 1",
    rows: `SELECT id::text, chain_position::text AS position, prev_hash, hash, activity_log_hash(a) AS expected,
                  CASE WHEN a.anonymized_at IS NULL
                       THEN a.personal_salt IS NOT NULL AND a.personal_digest = activity_personal_digest(a)
                       ELSE a.personal_salt IS NULL AND a.ip_address IS NULL AND a.user_agent IS NULL
                            AND a.metadata IS NULL END AS personal_ok
             FROM activity_logs a WHERE a.chain_position > $1 ORDER BY a.chain_position LIMIT $2`,
    unsealed: rowsWaitingForSealerSql("activity_logs"),
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
  options: {
    batchSize?: number;
    onProgress?: (checked: number) => void;
    /**
     * The chain heads anchored outside the database (audit-anchors.ts): each must still be the
     * hash at its position, and none may lie beyond the chain's end. A chain rewritten from some
     * row onwards, hashes recomputed and all, is consistent in itself; it differs from these.
     */
    anchors?: AuditAnchor[];
  } = {},
): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const anchors = [...(options.anchors ?? [])].sort((a, b) => compare(BigInt(a.position), BigInt(b.position)));
  let nextAnchor = 0;
  let anchorsChecked = 0;
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
    // Anchors at or before where the chain now starts were purged with its oldest rows
    // (retention); the one exactly there pins the start.
    while (nextAnchor < anchors.length && BigInt(anchors[nextAnchor]!.position) <= BigInt(lastId)) {
      const anchor = anchors[nextAnchor++]!;
      if (anchor.position === lastId && anchor.hash !== previousHash && lastId !== "0") {
        return broken(checked, lastId, rewritten(anchor));
      }
    }
    for (;;) {
      const { rows } = await client.query<ChainRow>(CHAINS[chain].rows, [lastId, batchSize]);
      for (const row of rows) {
        while (nextAnchor < anchors.length && BigInt(anchors[nextAnchor]!.position) <= BigInt(row.position)) {
          const anchor = anchors[nextAnchor++]!;
          if (anchor.position !== row.position) {
            return broken(checked, row.id, `position ${anchor.position} was anchored and is no longer in the chain`);
          }
          if (anchor.hash !== row.hash) return broken(checked, row.id, rewritten(anchor));
          anchorsChecked += 1;
        }
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
    if (nextAnchor < anchors.length) {
      const beyond = anchors.at(-1)!;
      return broken(
        checked,
        lastId,
        `the chain ends at position ${lastId} but was anchored at position ${beyond.position} outside the database: ` +
          "rows were removed and the chain cut back",
      );
    }
    const newest = anchors.at(-1);
    const anchorReport = options.anchors
      ? {
          anchors: {
            checked: anchorsChecked,
            newestPosition: newest?.position ?? null,
            rowsAfterNewest: Number(BigInt(lastId) - BigInt(newest?.position ?? head.anchor_id)),
          },
        }
      : {};
    const unsealedSql = CHAINS[chain].unsealed;
    if (!unsealedSql) return { ok: true, checked, ...anchorReport };
    const unsealed = (await client.query<{ rows: number; oldest: number }>(unsealedSql)).rows[0]!;
    return { ok: true, checked, unsealed: { rows: unsealed.rows, oldestSeconds: unsealed.oldest }, ...anchorReport };
  } finally {
    await client.end();
  }
}

/** The audit chain's identity, which names its anchors (audit-anchors.ts). */
export async function readAuditChainId(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ chain_id: string }>("SELECT chain_id::text FROM audit_chain WHERE id = 1");
    if (!rows[0]) throw new Error("The audit chain head row is missing.");
    return rows[0].chain_id;
  } finally {
    await client.end();
  }
}

/** The audit log's chain (verifyChain). */
export function verifyAuditChain(databaseUrl: string, options: Parameters<typeof verifyChain>[2] = {}) {
  return verifyChain(databaseUrl, "audit", options);
}

const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const rewritten = (anchor: AuditAnchor) =>
  `its hash differs from the one anchored outside the database at position ${anchor.position}: ` +
  "the chain was rewritten (hashes recomputed) from this row or one before it";

function broken(checked: number, id: string, problem: string): AuditChainReport {
  return { ok: false, checked, firstBrokenLink: { id, problem } };
}
