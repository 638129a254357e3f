import { S3Client } from "@aws-sdk/client-s3";
import type { Environment } from "../config/environment.ts";
import { type BackupStore, LocalBackupStore, S3BackupStore } from "./backup-store.ts";

/** The default when neither --location nor BACKUP_LOCATION says: a git-ignored local folder. */
export const DEFAULT_BACKUP_LOCATION = ".data/backups";

/** `s3://bucket/prefix/` is S3 (region and endpoint from S3_REGION, S3_ENDPOINT); anything else a folder. */
export function backupStoreFor(location: string, environment: Environment): BackupStore {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!s3) return new LocalBackupStore(location);
  const prefix = s3[2] && !s3[2].endsWith("/") ? `${s3[2]}/` : (s3[2] ?? "");
  const client = new S3Client({
    region: environment.S3_REGION,
    ...(environment.S3_ENDPOINT ? { endpoint: environment.S3_ENDPOINT, forcePathStyle: true } : {}),
  });
  return new S3BackupStore(client, s3[1]!, prefix);
}
