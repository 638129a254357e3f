import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import type { ObjectStorage } from "../../functions/storage/object-storage.ts";
import { S3Storage } from "../../functions/storage/s3-storage.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { loginAs } from "../support/api-client.ts";
import { startS3rver } from "../support/s3rver.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const BUCKET = "exitmatch-documents";

/** The same contract, whichever storage is behind it. */
function storageContract(name: string, open: () => ObjectStorage) {
  describe(`${name} storage`, () => {
    it("stores, reads back byte for byte, and deletes", async () => {
      const storage = open();
      const bytes = new Uint8Array([0, 1, 2, 254, 255, ...new TextEncoder().encode("%PDF-1.7")]);
      await storage.put("deal-rooms/room-1/doc-1", bytes, "application/pdf");
      expect(await storage.get("deal-rooms/room-1/doc-1")).toEqual(bytes);
      await storage.delete("deal-rooms/room-1/doc-1");
      expect(await storage.get("deal-rooms/room-1/doc-1")).toBeUndefined();
      await storage.delete("deal-rooms/room-1/doc-1"); // deleting twice is fine
    });

    it("creates an object only once, and lists keys by prefix in order", async () => {
      const storage = open();
      const first = new TextEncoder().encode("first");
      expect(await storage.create("anchors/0002-b", first, "application/json")).toBe(true);
      expect(await storage.create("anchors/0002-b", new TextEncoder().encode("second"), "application/json")).toBe(
        false,
      );
      expect(await storage.get("anchors/0002-b")).toEqual(first);
      await storage.put("anchors/0001-a", first, "application/json");
      await storage.put("other/0000", first, "application/json");
      expect(await storage.list("anchors/")).toEqual(["anchors/0001-a", "anchors/0002-b"]);
      expect(await storage.list("nothing-here/")).toEqual([]);
      for (const key of ["anchors/0001-a", "anchors/0002-b", "other/0000"]) await storage.delete(key);
    });

    it("answers undefined for a missing object", async () => {
      expect(await open().get("deal-rooms/none/none")).toBeUndefined();
    });
  });
}

describe("object storage", () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let client: S3Client;
  let localDir: string;

  beforeAll(async () => {
    localDir = await mkdtemp(join(tmpdir(), "exitmatch-local-"));
    s3 = await startS3rver(BUCKET);
    client = s3.client;
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(localDir, { recursive: true, force: true });
  });

  storageContract("local disk", () => new LocalDiskStorage(localDir));
  storageContract("S3", () => new S3Storage(client, BUCKET, { serverSideEncryption: false }));

  it("keeps an append-only folder's objects: never replaced, never removed", async () => {
    const storage = new LocalDiskStorage(join(localDir, "append-only"), { appendOnly: true });
    const bytes = new TextEncoder().encode("anchor");
    await storage.put("anchors/0001", bytes, "application/json");
    await expect(
      storage.put("anchors/0001", new TextEncoder().encode("rewritten"), "application/json"),
    ).rejects.toThrow(/never replaces/);
    await expect(storage.delete("anchors/0001")).rejects.toThrow(/never removes/);
    expect(await storage.get("anchors/0001")).toEqual(bytes);
  });

  it("refuses local keys that could escape the folder", async () => {
    const storage = new LocalDiskStorage(localDir);
    for (const key of ["../outside", "/etc/passwd", "deal-rooms/../../x", "Deal Rooms/x"]) {
      await expect(storage.put(key, new Uint8Array([1]), "text/plain")).rejects.toThrow("Invalid storage key");
    }
  });

  it("serves S3 downloads through a short-lived presigned URL", async () => {
    const storage = new S3Storage(client, BUCKET, { serverSideEncryption: false });
    await storage.put("deal-rooms/room-2/doc-2", new TextEncoder().encode("heads of terms"), "text/plain");
    const url = await storage.downloadUrl("deal-rooms/room-2/doc-2", {
      fileName: "Heads of terms.txt",
      contentType: "text/plain",
      expiresInSeconds: 60,
    });
    expect(url).toMatch(/X-Amz-Expires=60/);
    const response = await fetch(url);
    expect(await response.text()).toBe("heads of terms");
    expect(response.headers.get("content-disposition")).toContain("Heads%20of%20terms.txt");
  });

  describe("the API on S3", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      await seedTestData(db.prisma);
    });
    afterAll(() => db.drop());

    it("uploads to the bucket and redirects downloads to a presigned URL (still logged)", async () => {
      const storage = new S3Storage(client, BUCKET, { serverSideEncryption: false });
      const app = createApp(
        createDependencies(loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" }), db.prisma, {
          mailer: new MemoryMailer(),
          storage,
        }),
      );
      const owner = await loginAs(app, ACTORS.ownerSeller);
      const buyer = await loginAs(app, ACTORS.buyerWithNda);
      const room = stableId("inquiry-1:room");
      const form = new FormData();
      form.set(
        "file",
        new File(["%PDF-1.7 management accounts"], "management-accounts.pdf", { type: "application/pdf" }),
      );
      const uploaded = await app.request(`/deal-rooms/${room}/documents`, {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${owner}` },
      });
      expect(uploaded.status).toBe(201);
      const { id } = (await uploaded.json()) as { id: string };

      const download = await app.request(`/deal-rooms/${room}/documents/${id}/content`, {
        headers: { authorization: `Bearer ${buyer}` },
      });
      expect(download.status).toBe(302);
      const fromBucket = await fetch(download.headers.get("location")!);
      expect(await fromBucket.text()).toBe("%PDF-1.7 management accounts");
      expect(await db.prisma.activityLog.count({ where: { action: "document.downloaded", entityId: id } })).toBe(1);
    });
  });
});
