// The audit chain anchored outside the database (functions/audit/audit-anchors.ts): a superuser
// who rewrites rows and recomputes every hash after them leaves a chain that verifies against
// itself, and is caught by the anchors; so is one who removes the newest rows and moves the head
// back. audit:verify reads the anchors from the append-only folder and says so.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANCHOR_AT_LEAST_EVERY_MS, AuditChainAnchorer, listAuditAnchors } from "../../functions/audit/audit-anchors.ts";
import { sealAuditChain } from "../../functions/audit/seal-audit-chain.ts";
import { readAuditChainId, verifyAuditChain } from "../../functions/audit/verify-audit-chain.ts";
import { fixedClock } from "../../functions/clock/clock.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { runCommand } from "../support/run-command.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** Rewrites audit rows from `position` on as a superuser would: content changed, every hash after recomputed, head moved. */
const REWRITE_FROM = (position: string) => `
  DO $$
  DECLARE
    entry audit_logs;
    previous text;
  BEGIN
    SELECT hash INTO previous FROM audit_logs WHERE chain_position = ${position} - 1;
    UPDATE audit_logs SET changes = '{"title": {"new": "a forged title"}}' WHERE chain_position = ${position};
    FOR entry IN SELECT * FROM audit_logs WHERE chain_position >= ${position} ORDER BY chain_position LOOP
      entry.prev_hash := previous;
      entry.hash := audit_log_hash(entry);
      UPDATE audit_logs SET prev_hash = entry.prev_hash, hash = entry.hash WHERE id = entry.id;
      previous := entry.hash;
    END LOOP;
    UPDATE audit_chain SET last_hash = previous WHERE id = 1;
  END $$`;

describe("audit chain anchors", () => {
  let db: TestDatabase;
  let folder: string;
  let store: LocalDiskStorage;
  let chainId: string;
  const clock = fixedClock(TEST_NOW);

  /** Some audited changes, sealed and anchored as the sealer does each round. */
  async function changeSealAndAnchor(anchorer: AuditChainAnchorer, views: number) {
    for (let i = 0; i < 3; i += 1) {
      await db.query("UPDATE businesses SET title = $1 WHERE id = $2", [`Listing edit ${views}.${i}`, BUSINESS.draft]);
    }
    await sealAuditChain(db.appPrisma);
    return anchorer.anchor(db.appPrisma);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    folder = await mkdtemp(join(tmpdir(), "exitmatch-anchors-"));
    store = new LocalDiskStorage(folder, { appendOnly: true });
    chainId = await readAuditChainId(db.url);
  });
  afterAll(async () => {
    await db.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it("anchors the head after each seal that moved it, and at least every minute", async () => {
    const anchorer = new AuditChainAnchorer(store, clock);
    const first = await changeSealAndAnchor(anchorer, 1);
    const second = await changeSealAndAnchor(anchorer, 2);
    expect(BigInt(second!.position)).toBe(BigInt(first!.position) + 3n);
    // Nothing new: nothing written; a minute later the head is written again only if missing.
    expect(await anchorer.anchor(db.appPrisma)).toBeUndefined();
    clock.advance(ANCHOR_AT_LEAST_EVERY_MS);
    expect(await anchorer.anchor(db.appPrisma)).toBeUndefined();
    expect(await listAuditAnchors(store, chainId)).toEqual([first, second]);

    // A fresh sealer (a restarted process) finds the head anchored already.
    expect(await new AuditChainAnchorer(store, clock).anchor(db.appPrisma)).toBeUndefined();
    const report = await verifyAuditChain(db.url, { anchors: await listAuditAnchors(store, chainId) });
    expect(report).toMatchObject({
      ok: true,
      anchors: { checked: 2, newestPosition: second!.position, rowsAfterNewest: 0 },
    });
  });

  it("catches a chain a superuser rewrote with every hash recomputed, which verifies against itself", async () => {
    const anchors = await listAuditAnchors(store, chainId);
    const target = String(BigInt(anchors[0]!.position) - 5n);
    await db.query("ALTER TABLE audit_logs DISABLE TRIGGER USER");
    await db.query(REWRITE_FROM(target));
    await db.query("ALTER TABLE audit_logs ENABLE TRIGGER USER");

    expect((await verifyAuditChain(db.url)).ok).toBe(true); // consistent in itself
    const report = await verifyAuditChain(db.url, { anchors });
    expect(report.ok).toBe(false);
    expect(report.firstBrokenLink?.problem).toMatch(/differs from the one anchored outside the database/);

    const cli = await runCommand("functions/cli/audit-verify.ts", [], {
      DATABASE_URL: db.url,
      DIRECT_URL: db.url,
      AUDIT_ANCHOR_DIR: folder,
    });
    expect(cli.code).toBe(1);
    expect(cli.output).toMatch(/Audit chain BROKEN at row \d+: its hash differs from the one anchored/);
  });

  it("catches a chain cut back behind its newest anchor", async () => {
    const cut = await createTestDatabase();
    const cutFolder = await mkdtemp(join(tmpdir(), "exitmatch-anchors-"));
    try {
      await seedTestData(cut.prisma);
      const cutStore = new LocalDiskStorage(cutFolder, { appendOnly: true });
      await sealAuditChain(cut.appPrisma);
      const anchored = await new AuditChainAnchorer(cutStore, clock).anchor(cut.appPrisma);
      expect(anchored).toBeDefined();
      // Remove the newest three rows and move the head back to the row before them.
      await cut.query("ALTER TABLE audit_logs DISABLE TRIGGER USER");
      await cut.query(`
        DELETE FROM audit_logs WHERE chain_position > ${anchored!.position} - 3;
        UPDATE audit_chain SET last_id = ${anchored!.position} - 3,
          last_hash = (SELECT hash FROM audit_logs WHERE chain_position = ${anchored!.position} - 3) WHERE id = 1;`);
      await cut.query("ALTER TABLE audit_logs ENABLE TRIGGER USER");
      expect((await verifyAuditChain(cut.url)).ok).toBe(true);
      const report = await verifyAuditChain(cut.url, {
        anchors: await listAuditAnchors(cutStore, await readAuditChainId(cut.url)),
      });
      expect(report.firstBrokenLink?.problem).toMatch(/anchored at position \d+ outside the database: .*cut back/);

      // Each chain reads only its own anchors. (Test databases are copies of one template, so
      // they share a chain identity, as a restored backup does; a migrated database has its own.)
      await cut.query("UPDATE audit_chain SET chain_id = gen_random_uuid() WHERE id = 1");
      expect(await listAuditAnchors(cutStore, await readAuditChainId(cut.url))).toEqual([]);
    } finally {
      await cut.drop();
      await rm(cutFolder, { recursive: true, force: true });
    }
  });

  it("says when a chain has no anchors, and verifies it against itself", async () => {
    const empty = await mkdtemp(join(tmpdir(), "exitmatch-anchors-"));
    const fresh = await createTestDatabase();
    try {
      await seedTestData(fresh.prisma);
      await sealAuditChain(fresh.appPrisma);
      const cli = await runCommand("functions/cli/audit-verify.ts", [], {
        DATABASE_URL: fresh.url,
        DIRECT_URL: fresh.url,
        AUDIT_ANCHOR_DIR: empty,
      });
      expect(cli.code, cli.output).toBe(0);
      expect(cli.output).toMatch(/No anchors outside the database for chain [0-9a-f-]{36}/);
      await new AuditChainAnchorer(new LocalDiskStorage(empty, { appendOnly: true }), clock).anchor(fresh.appPrisma);
      const anchoredRun = await runCommand("functions/cli/audit-verify.ts", [], {
        DATABASE_URL: fresh.url,
        DIRECT_URL: fresh.url,
        AUDIT_ANCHOR_DIR: empty,
      });
      expect(anchoredRun.output).toMatch(/1 anchors outside the database match \(newest at position \d+\)/);
    } finally {
      await fresh.drop();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
