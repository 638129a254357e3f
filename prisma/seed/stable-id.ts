import { createHash } from "node:crypto";

/**
 * A UUID derived from a name (v5-style: SHA-1 based, RFC 9562 layout), so seed rows get the
 * same id on every machine and every run; that is what makes the seed idempotent.
 */
export function stableId(name: string): string {
  const bytes = createHash("sha1").update(`exitmatch-seed:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
