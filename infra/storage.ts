// Buckets. Documents: deal-room files, private, versioned, encrypted at rest; the API gets read,
// write and delete on its objects and nothing else (a link). Backups: the daily logical backup
// (infra/backups.ts), versioned and under S3 Object Lock, so a backup cannot be deleted or
// overwritten for 14 days even with the account's keys; older versions go after 400 days.
import { hasBackups } from "./lib/stage.ts";

export const documents = new sst.aws.Bucket("Documents", { versioning: true });

/** Days a backup is locked against deletion (governance mode: an administrator can lift it). */
export const BACKUP_LOCK_DAYS = 14;

function backupsBucket() {
  const bucket = new aws.s3.Bucket("Backups", { objectLockEnabled: true, forceDestroy: false });
  new aws.s3.BucketVersioning("BackupsVersioning", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
  new aws.s3.BucketObjectLockConfiguration("BackupsObjectLock", {
    bucket: bucket.id,
    rule: { defaultRetention: { mode: "GOVERNANCE", days: BACKUP_LOCK_DAYS } },
  });
  new aws.s3.BucketServerSideEncryptionConfiguration("BackupsEncryption", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });
  new aws.s3.BucketPublicAccessBlock("BackupsPublicAccess", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.s3.BucketLifecycleConfiguration("BackupsLifecycle", {
    bucket: bucket.id,
    rules: [{ id: "old-versions", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 400 } }],
  });
  return bucket;
}

export const backups = hasBackups($app.stage) ? backupsBucket() : undefined;
