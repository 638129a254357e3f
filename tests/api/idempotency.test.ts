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

  it("lets only one of two simultaneous requests with a key create", async () => {
    const responses = await Promise.all([create(seller, "simultaneous"), create(seller, "simultaneous")]);
    const statuses = responses.map((response) => response.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await count()).toBe(4);
  });

  it("rejects a malformed key, naming the header", async () => {
    const problem = await problemOf(await create(seller, "has spaces in it"));
    expect(problem.errors?.[0]?.field).toBe("Idempotency-Key");
  });
});
