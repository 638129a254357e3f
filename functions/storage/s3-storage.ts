import type { S3Client } from "@aws-sdk/client-s3";
import type { ObjectStorage } from "./object-storage.ts";

/**
 * The AWS SDK, loaded on first use: most requests never touch a document, and a Lambda that
 * does not load the SDK starts faster (the Node.js runtime provides it; bench:lambda).
 */
let sdk: Promise<[typeof import("@aws-sdk/client-s3"), typeof import("@aws-sdk/s3-request-presigner")]> | undefined;
const loadSdk = () => {
  sdk ??= Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/s3-request-presigner")]);
  return sdk;
};

/** Documents in an S3 bucket, encrypted at rest; downloads through presigned URLs. */
export class S3Storage implements ObjectStorage {
  #client: Promise<S3Client> | undefined;

  /** `client`: an S3 client, or the settings to make one with when it is first needed. */
  constructor(
    private readonly client: S3Client | { region: string; endpoint?: string | undefined },
    private readonly bucket: string,
    private readonly options: { serverSideEncryption?: boolean } = { serverSideEncryption: true },
  ) {}

  private s3(): Promise<S3Client> {
    this.#client ??= (async () => {
      if ("send" in this.client) return this.client;
      const [{ S3Client }] = await loadSdk();
      const { region, endpoint } = this.client;
      return new S3Client({ region, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) });
    })();
    return this.#client;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const [{ PutObjectCommand }] = await loadSdk();
    await (await this.s3()).send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ...(this.options.serverSideEncryption ? { ServerSideEncryption: "AES256" as const } : {}),
      }),
    );
  }

  async create(key: string, bytes: Uint8Array, contentType: string): Promise<boolean> {
    const [{ HeadObjectCommand, PutObjectCommand }] = await loadSdk();
    const s3 = await this.s3();
    const exists = await s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })).then(
      () => true,
      (error: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
        if (error.name === "NotFound" || error.$metadata?.httpStatusCode === 404) return false;
        throw error;
      },
    );
    if (exists) return false;
    try {
      // If-None-Match: S3 refuses the write (412) if another writer got there in between.
      await s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          IfNoneMatch: "*",
          ...(this.options.serverSideEncryption ? { ServerSideEncryption: "AES256" as const } : {}),
        }),
      );
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const [{ ListObjectsV2Command }] = await loadSdk();
    const s3 = await this.s3();
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const [{ GetObjectCommand, NoSuchKey }] = await loadSdk();
    try {
      const result = await (await this.s3()).send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return result.Body ? await result.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const [{ DeleteObjectCommand }] = await loadSdk();
    await (await this.s3()).send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async downloadUrl(
    key: string,
    options: { fileName: string; contentType: string; expiresInSeconds: number },
  ): Promise<string> {
    const [{ GetObjectCommand }, { getSignedUrl }] = await loadSdk();
    return getSignedUrl(
      await this.s3(),
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: options.contentType,
        ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
      }),
      { expiresIn: options.expiresInSeconds },
    );
  }
}
