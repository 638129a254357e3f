// Listing views counted in memory and written in batches (functions/listings/listing-view-counter.ts):
// exact totals under concurrent viewing, no change to the listing's version or audit trail, and
// nothing lost when a write fails.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { ListingViewCounter } from "../../functions/listings/listing-view-counter.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { freePort } from "../support/free-port.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const quiet = { warn: () => undefined };
const LISTINGS = [BUSINESS.openPublished, BUSINESS.confidentialPublished, BUSINESS.draft];

describe("ListingViewCounter", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
  });
  afterAll(() => db.drop());

  const listingRows = async () =>
    Object.fromEntries(
      (
        await db.query<{ id: string; view_count: number; version: number; updated_at: Date }>(
          "SELECT id, view_count, version, updated_at FROM businesses WHERE id = ANY($1::uuid[])",
          [LISTINGS],
        )
      ).map((row) => [row.id, row]),
    );
  const auditRows = async () => Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_logs"))[0]!.n);

  it("writes every view, exactly, from many concurrent viewers and flushes, without touching version or audit trail", async () => {
    const counter = new ListingViewCounter(db.appPrisma, quiet, { flushAfterMs: 60_000 });
    const before = await listingRows();
    const auditBefore = await auditRows();
    const expected = { [LISTINGS[0]!]: 0, [LISTINGS[1]!]: 0, [LISTINGS[2]!]: 0 };
    // 3,000 views in bursts, with flushes racing the viewers.
    const flushes: Promise<number>[] = [];
    for (let burst = 0; burst < 30; burst += 1) {
      for (let i = 0; i < 100; i += 1) {
        const id = LISTINGS[(burst * 7 + i) % 3]!;
        counter.record(id);
        expected[id]! += 1;
      }
      if (burst % 4 === 0) flushes.push(counter.flush());
    }
    const written = (await Promise.all(flushes)).reduce((a, b) => a + b, 0) + (await counter.flush());
    expect(written).toBe(3000);
    expect(LISTINGS.map((id) => counter.notYetWritten(id))).toEqual([0, 0, 0]);
    const after = await listingRows();
    for (const id of LISTINGS) {
      expect(after[id]!.view_count - before[id]!.view_count).toBe(expected[id]);
      expect([after[id]!.version, after[id]!.updated_at]).toEqual([before[id]!.version, before[id]!.updated_at]);
    }
    expect(await auditRows()).toBe(auditBefore);
    expect(await counter.flush()).toBe(0);
  });

  it("shows views not yet written, and writes them by itself soon after", async () => {
    const counter = new ListingViewCounter(db.appPrisma, quiet, { flushAfterMs: 50 });
    const before = (await listingRows())[LISTINGS[0]!]!.view_count;
    counter.record(LISTINGS[0]!);
    counter.record(LISTINGS[0]!);
    expect(counter.notYetWritten(LISTINGS[0]!)).toBe(2);
    const deadline = Date.now() + 5_000;
    while (counter.notYetWritten(LISTINGS[0]!) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(counter.notYetWritten(LISTINGS[0]!)).toBe(0);
    expect((await listingRows())[LISTINGS[0]!]!.view_count).toBe(before + 2);
  });

  it("writes at once when many listings are waiting", async () => {
    const counter = new ListingViewCounter(db.appPrisma, quiet, { flushAfterMs: 60_000, flushAtListings: 3 });
    const before = await listingRows();
    for (const id of LISTINGS) counter.record(id);
    // The third listing started a flush; a flush now waits for it and finds nothing left.
    expect(await counter.flush()).toBe(0);
    const after = await listingRows();
    expect(LISTINGS.map((id) => after[id]!.view_count - before[id]!.view_count)).toEqual([1, 1, 1]);
  });

  it("keeps the views of a failed write for the next one", async () => {
    // A real client on a port where nothing listens, then the real database.
    const unreachable = new URL(db.appUrl);
    unreachable.port = String(await freePort());
    const down = createDatabaseClient(unreachable.toString()).prisma;
    let database: PrismaClient = down;
    const counter = new ListingViewCounter(
      {
        $executeRaw: ((...args: Parameters<PrismaClient["$executeRaw"]>) =>
          database.$executeRaw(...args)) as PrismaClient["$executeRaw"],
      },
      quiet,
      { flushAfterMs: 60_000 },
    );
    const before = (await listingRows())[LISTINGS[1]!]!.view_count;
    counter.record(LISTINGS[1]!);
    await expect(counter.flush()).rejects.toThrow();
    counter.record(LISTINGS[1]!);
    expect(counter.notYetWritten(LISTINGS[1]!)).toBe(2);
    database = db.appPrisma;
    expect(await counter.flush()).toBe(2);
    expect((await listingRows())[LISTINGS[1]!]!.view_count).toBe(before + 2);
    await down.$disconnect();
  });
});
