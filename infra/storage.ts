// Buckets. Documents: deal-room files, private, versioned, encrypted at rest; the API gets read,
// write and delete on its objects and nothing else (a link). Backups: the daily logical backup
// (infra/backups.ts), versioned and under S3 Object Lock, so a backup cannot be deleted or
// overwritten for 14 days even with the account's keys; older versions go after 400 days.
// AuditAnchors: the audit chain's heads (functions/audit/audit-anchors.ts), under Object Lock in
// compliance mode for as long as audit rows are kept, so no one, the account's root included,
// can remove or rewrite what the chain was.
import { AUDIT_LOG_RETENTION_YEARS } from "../functions/domain/retention-periods.ts";
import { hasBackups } from "./lib/stage.ts";

export const documents = new sst.aws.Bucket("Documents", { versioning: true });

/** Days a backup is locked against deletion (governance mode: an administrator can lift it). */
export const BACKUP_LOCK_DAYS = 14;

/** A private, versioned, encrypted bucket under Object Lock by default (`name`: its resources' prefix). */
function lockedBucket(name: string, retention: { mode: "GOVERNANCE" | "COMPLIANCE"; days?: number; years?: number }) {
  const bucket = new aws.s3.Bucket(name, { objectLockEnabled: true, forceDestroy: false });
  new aws.s3.BucketVersioning(`${name}Versioning`, {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
  new aws.s3.BucketObjectLockConfiguration(`${name}ObjectLock`, {
    bucket: bucket.id,
    rule: { defaultRetention: retention },
  });
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}Encryption`, {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });
  new aws.s3.BucketPublicAccessBlock(`${name}PublicAccess`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  return bucket;
}

function backupsBucket() {
  const bucket = lockedBucket("Backups", { mode: "GOVERNANCE", days: BACKUP_LOCK_DAYS });
  new aws.s3.BucketLifecycleConfiguration("BackupsLifecycle", {
    bucket: bucket.id,
    rules: [{ id: "old-versions", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 400 } }],
  });
  return bucket;
}

export const backups = hasBackups($app.stage) ? backupsBucket() : undefined;

/**
 * The audit chain's anchors, where the data is real (production, staging): each object is
 * locked in compliance mode for the audit log's retention period, and is never rewritten
 * (the sealer creates anchors only; verification lists them).
 */
export const auditAnchors = hasBackups($app.stage)
  ? lockedBucket("AuditAnchors", { mode: "COMPLIANCE", years: AUDIT_LOG_RETENTION_YEARS })
  : undefined;
