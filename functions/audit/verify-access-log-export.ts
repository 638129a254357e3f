import pg from "pg";
import { activityPersonalDigest, activityRowHash } from "../activity/activity-row-hash.ts";
import type { AccessLogEntry } from "../deal-rooms/export-access-log.ts";

/** An access-log export as GET /deal-rooms/{id}/access-log/export?format=json writes it. */
export interface AccessLogExportFile {
  dealRoomId: string;
  chainHead: { lastId: string; lastHash: string };
  rows: AccessLogEntry[];
}

export interface ExportReport {
  ok: boolean;
  checked: number;
  problems: string[];
}

/**
 * Checks an exported access log against the database's activity chain: each row's fields still
 * hash to the hash it carries (nobody edited the file), and that hash is the one the chain holds
 * at that place (nobody edited the database); the chain head the export was taken at is still
 * part of the chain. (Whether the chain itself is intact is verifyChain's job.)
 */
export async function verifyAccessLogExport(databaseUrl: string, file: AccessLogExportFile): Promise<ExportReport> {
  const problems: string[] = [];
  for (const row of file.rows) {
    const chained = {
      id: row.id,
      occurredAt: new Date(row.occurredAt),
      action: row.chain.action,
      entityType: row.chain.entityType,
      securityFlag: row.chain.securityFlag,
      userId: row.chain.userId,
      entityId: row.document.id,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      metadataText: row.chain.metadataText,
      personalSalt: row.chain.personalSalt,
      personalDigest: row.chain.personalDigest,
      prevHash: row.chain.prevHash,
    };
    const digest = activityPersonalDigest(chained);
    if (digest !== undefined && digest !== row.chain.personalDigest) {
      problems.push(`row ${row.id}: its personal fields were changed in the export`);
    } else if (activityRowHash(chained) !== row.chain.hash) {
      problems.push(`row ${row.id}: its fields no longer match its hash in the export`);
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = file.rows.map((row) => row.id);
    const { rows } = await client.query<{ id: string; hash: string }>(
      "SELECT id::text, hash FROM activity_logs WHERE id = ANY($1::bigint[])",
      [ids],
    );
    const stored = new Map(rows.map((row) => [row.id, row.hash]));
    // The head names a place in the chain (a chain position), not a row id.
    const head = await client.query<{ hash: string }>("SELECT hash FROM activity_logs WHERE chain_position = $1", [
      file.chainHead.lastId,
    ]);
    for (const row of file.rows) {
      if (stored.get(row.id) !== row.chain.hash) {
        problems.push(`row ${row.id}: the database holds ${stored.has(row.id) ? "another hash" : "no such row"}`);
      }
    }
    if (file.chainHead.lastId !== "0" && head.rows[0]?.hash !== file.chainHead.lastHash) {
      problems.push(`the chain head ${file.chainHead.lastId} the export was taken at is no longer in the chain`);
    }
  } finally {
    await client.end();
  }
  return { ok: problems.length === 0, checked: file.rows.length, problems };
}
