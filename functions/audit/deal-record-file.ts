/**
 * One audit row as the chain holds it, with every field its hash covers (verify-deal-record.ts
 * recomputes it): `changesText` is PostgreSQL's own text of the row's changes, hashed as is.
 */
export interface DealRecordAuditRow {
  position: string;
  id: string;
  table: string;
  rowId: string;
  action: string;
  changedColumns: string[];
  changesText: string | null;
  actorUserId: string | null;
  requestId: string | null;
  dbRole: string;
  /** Microseconds since the epoch, as hashed. */
  occurredAtMicros: string;
  prevHash: string;
  hash: string;
}

/** What of a deal record (deals/export-deal-record.ts) its checks read. */
export interface DealRecordFile {
  signatures: { purpose: string; party: string; documentSha256: string }[];
  headsOfTerms: { sha256: string; pdfBase64: string };
  audit: {
    chainId: string;
    rows: DealRecordAuditRow[];
    head: { position: string; hash: string };
    anchor: { position: string; hash: string } | null;
  };
}
