import type { Environment } from "../config/environment.ts";
import { ConfigError } from "../errors/config-error.ts";
import { LocalDiskStorage } from "./local-disk-storage.ts";
import type { ObjectStorage } from "./object-storage.ts";
import { S3Storage } from "./s3-storage.ts";

/** Local disk in development and tests; S3 when STORAGE_DRIVER=s3 (the cloud). */
export function createStorage(environment: Environment): ObjectStorage {
  if (environment.STORAGE_DRIVER === "local") return new LocalDiskStorage(environment.STORAGE_DIR);
  if (!environment.S3_BUCKET) throw new ConfigError("S3_BUCKET is not set (required with STORAGE_DRIVER=s3).");
  return new S3Storage({ region: environment.S3_REGION, endpoint: environment.S3_ENDPOINT }, environment.S3_BUCKET);
}
