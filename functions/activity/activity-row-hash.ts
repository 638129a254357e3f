import { createHash } from "node:crypto";

/**
 * The activity log's hashes, computed outside the database exactly as the database computes them
 * (activity_personal_digest() and activity_log_hash(), migration activity_log_append_only), so
 * that anyone holding an exported row can check it against the chain.
 */
export interface ChainedActivityRow {
  id: string;
  occurredAt: Date;
  action: string;
  entityType: string | null;
  securityFlag: string | null;
  userId: string | null;
  entityId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  /** The metadata as PostgreSQL prints jsonb (`metadata::text`), or null. */
  metadataText: string | null;
  /** Null once the row is anonymised (the digest can then no longer be recomputed). */
  personalSalt: string | null;
  personalDigest: string;
  prevHash: string;
}

const SEPARATOR = "\u001f";
const sha256 = (parts: string[]) => createHash("sha256").update(parts.join(SEPARATOR), "utf8").digest("hex");

/** The digest of the row's personal fields; undefined for an anonymised row (no salt left). */
export function activityPersonalDigest(row: ChainedActivityRow): string | undefined {
  if (row.personalSalt === null) return undefined;
  return sha256([
    row.personalSalt,
    row.userId ?? "",
    row.entityId ?? "",
    row.ipAddress ?? "",
    row.userAgent ?? "",
    row.metadataText ?? "null",
  ]);
}

/** The row's hash: its core fields, its personal digest and the previous row's hash. */
export function activityRowHash(row: ChainedActivityRow): string {
  return sha256([
    row.prevHash,
    row.id,
    (BigInt(row.occurredAt.getTime()) * 1000n).toString(),
    row.action,
    row.entityType ?? "",
    row.securityFlag ?? "",
    row.personalDigest,
  ]);
}
