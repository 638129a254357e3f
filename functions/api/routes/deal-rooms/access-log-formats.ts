import type { AccessLogEntry, AccessLogExport } from "../../../deal-rooms/export-access-log.ts";

const encoder = new TextEncoder();

/** A byte stream of the pieces `produce` yields, pulled one at a time (constant memory). */
function streamOf(produce: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await produce.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await produce.return(undefined);
    },
  });
}

/** The export as one JSON document: the chain head first, then the rows. */
export function accessLogJson(exported: AccessLogExport): ReadableStream<Uint8Array> {
  async function* pieces() {
    yield `{"dealRoomId":${JSON.stringify(exported.dealRoomId)},"chainHead":${JSON.stringify(exported.chainHead)},"rows":[`;
    let first = true;
    for await (const row of exported.rows) {
      yield `${first ? "" : ","}\n${JSON.stringify(row)}`;
      first = false;
    }
    yield "\n]}\n";
  }
  return streamOf(pieces());
}

const CSV_COLUMNS: [string, (row: AccessLogEntry) => string | number | null][] = [
  ["id", (row) => row.id],
  ["occurred_at", (row) => row.occurredAt],
  ["kind", (row) => row.kind],
  ["user_id", (row) => row.user.id],
  ["user_name", (row) => row.user.name],
  ["document_id", (row) => row.document.id],
  ["file_name", (row) => row.document.fileName],
  ["version", (row) => row.document.version],
  ["ip_address", (row) => row.ipAddress],
  ["user_agent", (row) => row.userAgent],
  ["action", (row) => row.chain.action],
  ["entity_type", (row) => row.chain.entityType],
  ["security_flag", (row) => row.chain.securityFlag],
  ["metadata", (row) => row.chain.metadataText],
  ["personal_salt", (row) => row.chain.personalSalt],
  ["personal_digest", (row) => row.chain.personalDigest],
  ["prev_hash", (row) => row.chain.prevHash],
  ["hash", (row) => row.chain.hash],
];

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (it starts with =, +,
 * -, @ or a control character) gets a leading apostrophe (OWASP's advice): a user agent is
 * whatever the visitor sent. Drop it before recomputing a hash, or verify the JSON export.
 */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export as CSV, a header row then a row per event; the chain head is in a header. */
export function accessLogCsv(exported: AccessLogExport): ReadableStream<Uint8Array> {
  async function* pieces() {
    yield `${CSV_COLUMNS.map(([name]) => name).join(",")}\r\n`;
    for await (const row of exported.rows) {
      yield `${CSV_COLUMNS.map(([, value]) => csvField(value(row))).join(",")}\r\n`;
    }
  }
  return streamOf(pieces());
}
