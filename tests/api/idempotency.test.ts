import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const listing = {
  title: "Idempotent listing for retries",
  description: "Created once, however often the request is retried.",
  sicCode: "62020",
  region: "LONDON",
  askingPricePence: 50_000_000,
  premisesTenure: "LEASEHOLD",
};

describe("Idempotency-Key on creating requests", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  let seller: string;
  let otherSeller: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    seller = await loginAs(app, ACTORS.ownerSeller);
    otherSeller = await loginAs(app, ACTORS.otherSeller);
  });
  afterAll(() => db.drop());

  const create = (token: string, key: string | undefined, body: object = listing) =>
    call(app, "POST", "/businesses", { token, body, ...(key ? { headers: { "idempotency-key": key } } : {}) });
  const count = () => db.prisma.business.count({ where: { title: listing.title } });

  it("replays the first response for a retry instead of creating twice", async () => {
    const first = await create(seller, "retry-1");
    const second = await create(seller, "retry-1");
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await count()).toBe(1);
  });

  it("refuses the same key for a different request", async () => {
    const problem = await problemOf(await create(seller, "retry-1", { ...listing, askingPricePence: 1 }));
    expect([problem.status, problem.code]).toEqual([422, "idempotency_key_reused"]);
  });

  it("keeps each caller's keys apart, and creates anew without a key", async () => {
    expect((await create(otherSeller, "retry-1")).status).toBe(201);
    expect((await create(seller, undefined)).status).toBe(201);
    expect(await count()).toBe(3);
  });

  it("lets only one of simultaneous requests with a key create: the others wait for it and replay it", async () => {
    const responses = await Promise.all([1, 2, 3].map(() => create(seller, "simultaneous")));
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(responses.filter((response) => response.headers.get("idempotent-replayed") === "true")).toHaveLength(2);
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(await count()).toBe(4);
  });

  it("belongs to the person, not to the access token: after logging in again a retry still replays", async () => {
    const first = await create(seller, "across-logins");
    const again = await loginAs(app, ACTORS.ownerSeller);
    expect(again).not.toBe(seller);
    const retry = await create(again, "across-logins");
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await count()).toBe(5);
  });

  it("stores no error: a retry of a refused request runs again", async () => {
    const refused = await create(seller, "refused-first", { ...listing, sicCode: "not-a-code" });
    expect(refused.status).toBe(400);
    const retried = await create(seller, "refused-first", { ...listing, sicCode: "not-a-code" });
    expect(retried.status).toBe(400);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await db.prisma.idempotencyKey.count({ where: { key: "refused-first" } })).toBe(0);
  });

  it("commits the write and the stored response together, or neither", async () => {
    // Every key stored has its response; no listing created under a key lacks one.
    const keys = await db.prisma.idempotencyKey.findMany();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((row) => row.responseStatus === 201 && row.completedAt !== null)).toBe(true);
  });

  it("rejects a malformed key, naming the header", async () => {
    const problem = await problemOf(await create(seller, "has spaces in it"));
    expect(problem.errors?.[0]?.field).toBe("Idempotency-Key");
  });
});
