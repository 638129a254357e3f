import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackupStore, LocalBackupStore, S3BackupStore } from "../../functions/ops/backup-store.ts";
import { startS3rver } from "../support/s3rver.ts";

const BUCKET = "exitmatch-backups";

describe("backup stores: a local folder and S3 (s3rver) behave alike", () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let client: S3Client;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "exitmatch-backup-store-"));
    s3 = await startS3rver(BUCKET);
    client = s3.client;
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(work, { recursive: true, force: true });
  });

  const stores: [string, () => BackupStore][] = [
    ["local folder", () => new LocalBackupStore(join(work, "local"))],
    ["S3", () => new S3BackupStore(client, BUCKET, "backups/", { serverSideEncryption: false })],
  ];

  it.each(stores)("%s: uploads, lists, downloads byte for byte, removes", async (_name, make) => {
    const store = make();
    expect(await store.list()).toEqual([]);
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const source = join(work, `source-${_name}`);
    await writeFile(source, bytes);
    await store.upload(source, "exitmatch-20261125T010000Z.dump");
    await store.upload(source, "exitmatch-20261124T010000Z.dump");
    expect(await store.list()).toEqual([
      { name: "exitmatch-20261124T010000Z.dump", bytes: bytes.length },
      { name: "exitmatch-20261125T010000Z.dump", bytes: bytes.length },
    ]);
    const copy = join(work, `copy-${_name}`);
    await store.download("exitmatch-20261125T010000Z.dump", copy);
    expect((await readFile(copy)).equals(bytes)).toBe(true);
    await store.remove("exitmatch-20261124T010000Z.dump");
    await store.remove("never-there.dump");
    expect((await store.list()).map((file) => file.name)).toEqual(["exitmatch-20261125T010000Z.dump"]);
  });
});
