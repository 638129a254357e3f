import { createHash } from "node:crypto";
import pg from "pg";
import type { AuditAnchor } from "./audit-anchors.ts";
import type { DealRecordAuditRow, DealRecordFile } from "./deal-record-file.ts";

export interface DealRecordReport {
  ok: boolean;
  checked: number;
  problems: string[];
  /** Rows of the record after the newest anchor (pinned by the next one). */
  rowsAfterAnchor: number;
}

/**
 * An audit row's hash from its fields, exactly as PostgreSQL's audit_log_hash() computes it
 * (migration audit_trail): SHA-256 of the fields joined by the unit separator.
 */
export function auditRowHash(row: DealRecordAuditRow): string {
  const fields = [
    row.prevHash,
    row.id,
    row.table,
    row.rowId,
    row.action,
    row.changedColumns.join(","),
    row.changesText ?? "null",
    row.actorUserId ?? "",
    row.requestId ?? "",
    row.dbRole,
    row.occurredAtMicros,
  ];
  return createHash("sha256").update(fields.join("\x1f"), "utf8").digest("hex");
}

/**
 * What a deal record proves by itself, with no database: each audit row still hashes to the hash
 * it carries, the heads of terms are the bytes whose SHA-256 the deal and every signature name.
 */
export function checkDealRecordFile(record: DealRecordFile): string[] {
  const problems: string[] = [];
  for (const row of record.audit.rows) {
    if (auditRowHash(row) !== row.hash) problems.push(`audit row ${row.position}: its fields no longer match its hash`);
  }
  const pdfHash = createHash("sha256").update(Buffer.from(record.headsOfTerms.pdfBase64, "base64")).digest("hex");
  if (pdfHash !== record.headsOfTerms.sha256) problems.push("the heads of terms PDF is not the one the deal names");
  for (const signature of record.signatures.filter((s) => s.purpose === "HEADS_OF_TERMS")) {
    if (signature.documentSha256 !== pdfHash) problems.push(`the ${signature.party} signed another document`);
  }
  return problems;
}

/**
 * A deal record (GET /deals/{id}/record) against the database and the anchors outside it: the
 * file checks itself (checkDealRecordFile); the chain holds each row's hash at its place and the
 * head the record was taken at; the anchor it names is among those written outside the database.
 * Whether the chain is intact from end to end, and matches every anchor, is verifyChain's job.
 */
export async function verifyDealRecord(
  databaseUrl: string,
  anchors: readonly AuditAnchor[],
  record: DealRecordFile,
): Promise<DealRecordReport> {
  const problems = checkDealRecordFile(record);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ position: string; hash: string }>(
      "SELECT chain_position::text AS position, hash FROM audit_logs WHERE chain_position = ANY($1::bigint[])",
      [[...record.audit.rows.map((row) => row.position), record.audit.head.position]],
    );
    const stored = new Map(rows.map((row) => [row.position, row.hash]));
    for (const row of record.audit.rows) {
      if (stored.get(row.position) !== row.hash) {
        problems.push(
          `audit row ${row.position}: the chain holds ${stored.has(row.position) ? "another hash" : "no row"} there`,
        );
      }
    }
    if (record.audit.head.position !== "0" && stored.get(record.audit.head.position) !== record.audit.head.hash) {
      problems.push(`the chain head ${record.audit.head.position} the record was taken at is no longer in the chain`);
    }
  } finally {
    await client.end();
  }
  const { anchor } = record.audit;
  if (anchor && !anchors.some((known) => known.position === anchor.position && known.hash === anchor.hash)) {
    problems.push(`the anchor at position ${anchor.position} is not among those written outside the database`);
  }
  const anchoredTo = BigInt(anchor?.position ?? "0");
  const rowsAfterAnchor = record.audit.rows.filter((row) => BigInt(row.position) > anchoredTo).length;
  return { ok: problems.length === 0, checked: record.audit.rows.length, problems, rowsAfterAnchor };
}
