/** Where uploaded files live: local disk in development and tests, S3 in the cloud. */
export interface ObjectStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or undefined when there is no such object. */
  get(key: string): Promise<Uint8Array | undefined>;
  /**
   * Writes an object only if none has that key yet; resolves false (and writes nothing) when one
   * has. For records that must never be replaced, such as the audit chain's anchors.
   */
  create(key: string, bytes: Uint8Array, contentType: string): Promise<boolean>;
  /** The keys that start with `prefix`, in key order. */
  list(prefix: string): Promise<string[]>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A short-lived URL the client downloads from directly (S3 presigned URL), so large files do
   * not pass through the API. Absent where the storage has no such URLs (local disk).
   */
  downloadUrl?(
    key: string,
    options: { fileName: string; contentType: string; expiresInSeconds: number },
  ): Promise<string>;
}
