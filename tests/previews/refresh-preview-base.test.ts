// The previews' base branch is refreshed from production without real data ever reaching the
// previews project (issue 12): here Neon is a real PostgreSQL server where a branch is a
// database copied from its parent (tests/support/fake-neon-api.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../functions/auth/password.ts";
import { fixedClock } from "../../functions/clock/clock.ts";
import { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { fieldKeyringFrom } from "../../functions/crypto/field-keyring.ts";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { PreviewBaseMissingError, refreshPreviewBase } from "../../functions/previews/refresh-preview-base.ts";
import { NeonOnPostgres } from "../support/fake-neon-api.ts";
import { seedTestData } from "../support/seed.ts";
import { seededPersonalValues } from "../support/seeded-personal-values.ts";
import { createTestDatabase, onServer, serverUrl, type TestDatabase } from "../support/test-database.ts";
import { whereItAppears } from "../support/where-it-appears.ts";

const PREVIEW_CIPHER = new FieldCipher(
  fieldKeyringFrom({
    FIELD_ENCRYPTION_KEYS: `preview:${Buffer.alloc(32, 7).toString("base64")}`,
    BLIND_INDEX_KEY: Buffer.alloc(32, 8).toString("base64"),
  }),
);
const CLOCK = fixedClock("2026-11-29T05:00:00Z");
const TARGET = {
  production: { projectId: "production", branchId: "br-main" },
  previews: { projectId: "previews", baseBranchName: "anonymised-base" },
  databaseName: "exitmatch",
  roleName: "exitmatch_owner",
};

async function count(db: Pick<TestDatabase, "query">, table: string) {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n;
}

/** A pool on a database by name, for checking a branch after the refresh replaced it. */
function poolOn(database: string) {
  const pool = new pg.Pool({ connectionString: withDatabaseName(serverUrl(), database), max: 2 });
  return {
    query: async <Row extends pg.QueryResultRow>(sql: string, params?: unknown[]) =>
      (await pool.query<Row>(sql, params)).rows,
    end: () => pool.end(),
  };
}

describe("refreshing the previews' anonymised base branch", () => {
  let production: TestDatabase;
  let base: TestDatabase;
  let neon: NeonOnPostgres;
  let passwordHash: string;

  beforeAll(async () => {
    production = await createTestDatabase();
    await seedTestData(production.prisma);
    // Branching copies production's database, which needs nobody else connected to it.
    await production.prisma.$disconnect();
    await production.appPrisma.$disconnect();
    base = await createTestDatabase();
    neon = new NeonOnPostgres(() => CLOCK.now(), serverUrl());
    neon.adopt("production", "main", production.name);
    neon.adopt("previews", "anonymised-base", base.name);
    passwordHash = await hashPassword("preview-stage-password-2026");
  });
  afterAll(async () => {
    await production.drop();
    await base.drop();
  });

  it("refuses, creating nothing, when the previews project has no base branch", async () => {
    const calls = neon.calls.length;
    await expect(
      refreshPreviewBase(
        { neon, clock: CLOCK },
        { ...TARGET, previews: { projectId: "previews", baseBranchName: "no-such-branch" } },
        { cipher: PREVIEW_CIPHER, passwordHash },
      ),
    ).rejects.toBeInstanceOf(PreviewBaseMissingError);
    expect(neon.calls.slice(calls)).toEqual(["list previews"]);
  });

  it("deletes the masking branch and leaves the base as it was when masking fails", async () => {
    const failing = new FieldCipher(fieldKeyringFrom({})) as FieldCipher;
    failing.encrypt = () => {
      throw new Error("key service unavailable");
    };
    await expect(refreshPreviewBase({ neon, clock: CLOCK }, TARGET, { cipher: failing, passwordHash })).rejects.toThrow(
      "key service unavailable",
    );
    expect(neon.calls.filter((call) => call.startsWith("delete production"))).toHaveLength(1);
    expect((await neon.listBranches("production")).map((branch) => branch.name)).toEqual(["main"]);
    const untouched = poolOn(base.name);
    try {
      expect(await count(untouched, "users")).toBe(0);
    } finally {
      await untouched.end();
    }
    // Connections to production and the base are opened only after the refreshes: both replace
    // or copy those databases, ending whatever sessions they have.
    expect(
      await onServer("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${production.name}_br_%`]),
    ).toEqual([]);
  });

  it("fills the base with production's rows, masked: no personal value, every row kept; production untouched", async () => {
    const progress: string[] = [];
    const report = await refreshPreviewBase({ neon, clock: CLOCK, onProgress: (line) => progress.push(line) }, TARGET, {
      cipher: PREVIEW_CIPHER,
      passwordHash,
    });
    expect(report.maskingBranch).toBe("masking-20261129T050000Z");
    expect(report.masked.masked["users.email"]).toBe(await count(production, "users"));
    expect(progress).toContain("branching production into masking-20261129T050000Z");
    expect(progress.at(-1)).toBe("deleted masking-20261129T050000Z");

    const refreshed = poolOn(base.name);
    try {
      const leaks: string[] = [];
      for (const value of seededPersonalValues()) {
        const found = await whereItAppears(refreshed, value);
        if (found.length > 0) leaks.push(`${value}: ${found.join(", ")}`);
      }
      expect(leaks).toEqual([]);
      for (const table of [
        "users",
        "businesses",
        "inquiries",
        "deal_rooms",
        "valuations",
        "buyer_profiles",
        "matches",
      ]) {
        expect(await count(refreshed, table), table).toBe(await count(production, table));
        expect(await count(refreshed, table), table).toBeGreaterThan(0);
      }
      expect(report.rows).toBeGreaterThan(0);
    } finally {
      await refreshed.end();
    }
    // Production still holds its real data, and no masking branch is left behind.
    const [firstSeller] = seededPersonalValues();
    expect(await whereItAppears(production, firstSeller!)).not.toEqual([]);
    expect((await neon.listBranches("production")).map((branch) => branch.name)).toEqual(["main"]);
  });
});
