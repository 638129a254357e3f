import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";

export interface StoredFile {
  name: string;
  bytes: number;
}

/** Where backups are kept: a local folder, or an S3 bucket and prefix. Files move by streaming. */
export interface BackupStore {
  /** Human-readable location, for messages. */
  readonly location: string;
  upload(localPath: string, name: string): Promise<void>;
  download(name: string, localPath: string): Promise<void>;
  list(): Promise<StoredFile[]>;
  remove(name: string): Promise<void>;
}

export class LocalBackupStore implements BackupStore {
  constructor(private readonly folder: string) {}

  get location() {
    return this.folder;
  }

  async upload(localPath: string, name: string) {
    await mkdir(this.folder, { recursive: true });
    await copyFile(localPath, join(this.folder, name));
  }

  async download(name: string, localPath: string) {
    await copyFile(join(this.folder, name), localPath);
  }

  async list() {
    const names = await readdir(this.folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    return Promise.all(names.sort().map(async (name) => ({ name, bytes: (await stat(join(this.folder, name))).size })));
  }

  async remove(name: string) {
    await rm(join(this.folder, name), { force: true });
  }
}

/** Backups in S3 (server-side encrypted), under a prefix such as `backups/`. */
export class S3BackupStore implements BackupStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly options: { serverSideEncryption?: boolean } = { serverSideEncryption: true },
  ) {}

  get location() {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  async upload(localPath: string, name: string) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + name,
        Body: createReadStream(localPath),
        ContentLength: (await stat(localPath)).size,
        ...(this.options.serverSideEncryption ? { ServerSideEncryption: "AES256" as const } : {}),
      }),
    );
  }

  async download(name: string, localPath: string) {
    const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + name }));
    await pipeline(result.Body as Readable, createWriteStream(localPath));
  }

  async list() {
    const files: StoredFile[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const name = object.Key!.slice(this.prefix.length);
        if (name && !name.includes("/")) files.push({ name, bytes: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return files.sort((a, b) => a.name.localeCompare(b.name));
  }

  async remove(name: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + name }));
  }
}
