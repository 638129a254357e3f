import type { Environment } from "../config/environment.ts";
import { LocalDiskStorage } from "../storage/local-disk-storage.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { S3Storage } from "../storage/s3-storage.ts";

/**
 * Where audit anchors go: AUDIT_ANCHOR_BUCKET (S3 with object lock: infra/audit-anchors.ts) when
 * set, otherwise the append-only folder AUDIT_ANCHOR_DIR (development).
 */
export function createAuditAnchorStore(
  environment: Pick<Environment, "AUDIT_ANCHOR_BUCKET" | "AUDIT_ANCHOR_DIR" | "S3_REGION" | "S3_ENDPOINT">,
): ObjectStorage {
  if (environment.AUDIT_ANCHOR_BUCKET) {
    return new S3Storage(
      { region: environment.S3_REGION, endpoint: environment.S3_ENDPOINT },
      environment.AUDIT_ANCHOR_BUCKET,
    );
  }
  return new LocalDiskStorage(environment.AUDIT_ANCHOR_DIR, { appendOnly: true });
}
