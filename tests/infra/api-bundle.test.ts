// The API as it ships (issue 12): bundled as `sst deploy` bundles it, started in a fresh Node
// process with no node_modules, answering API Gateway events against a real database. Checks
// what only the bundle can get wrong: the query compiler moved to its own file still loads, and
// /ready knows the migrations it expects without a migrations folder.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleFunction, QUERY_COMPILER_FILE } from "../../infra/lib/lambda-bundle.ts";
import { apiGatewayEvent, invokeBundle } from "../support/invoke-lambda-bundle.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";
import { ROOT } from "./support/evaluated-stages.ts";

const ENVIRONMENT = {
  NODE_ENV: "production",
  MAILER: "ses",
  API_URL: "https://api.example.test",
  JWT_SECRET: "a-secret-for-this-test-only-32-characters-long",
  FIELD_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 3).toString("base64")}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString("base64"),
  LOG_LEVEL: "error",
};

describe("the API's Lambda bundle", () => {
  let taskRoot: string;
  let bundle: string;
  let db: TestDatabase;

  beforeAll(async () => {
    taskRoot = mkdtempSync(join(tmpdir(), "exitmatch-api-"));
    bundle = await bundleFunction("api", "functions/api/lambda.ts", taskRoot, ROOT);
    db = await createTestDatabase();
    await seedTestData(db.prisma);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(taskRoot, { recursive: true, force: true });
  });

  it("ships the query compiler as a file, not inside the code", () => {
    expect(statSync(join(taskRoot, QUERY_COMPILER_FILE)).size).toBeGreaterThan(1_000_000);
    expect(statSync(bundle).size).toBeLessThan(2_500_000);
    expect(existsSync(join(taskRoot, "node_modules"))).toBe(false);
    expect(existsSync(join(taskRoot, "scalar-standalone.js"))).toBe(true);
  });

  it("answers from a fresh process: ready with its migrations, a listing, a problem for bad input", async () => {
    const run = await invokeBundle(taskRoot, bundle, { ...ENVIRONMENT, DATABASE_URL: db.appUrl }, [
      apiGatewayEvent("GET", "/ready"),
      apiGatewayEvent("GET", `/businesses/${BUSINESS.openPublished}`),
      apiGatewayEvent("GET", "/businesses/not-a-listing"),
      apiGatewayEvent("GET", "/docs/scalar.js"),
    ]);
    const [ready, listing, invalid, reference] = run.responses;
    // The API reference's script, from the copy beside the code (no node_modules to find it in).
    expect(reference?.statusCode).toBe(200);
    expect(reference?.headers?.["content-type"]).toContain("javascript");
    expect(ready?.statusCode).toBe(200);
    expect(JSON.parse(ready!.body)).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok" } });
    expect(listing?.statusCode).toBe(200);
    expect(JSON.parse(listing!.body)).toMatchObject({ id: BUSINESS.openPublished });
    expect(invalid?.statusCode).toBe(400);
    expect(invalid?.headers?.["content-type"]).toContain("application/problem+json");
  });

  it("reports missing migrations as not ready", async () => {
    await db.query(
      "DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)",
    );
    const run = await invokeBundle(taskRoot, bundle, { ...ENVIRONMENT, DATABASE_URL: db.appUrl }, [
      apiGatewayEvent("GET", "/ready"),
    ]);
    expect(run.responses[0]?.statusCode).toBe(503);
    expect(JSON.parse(run.responses[0]!.body)).toMatchObject({ checks: { migrations: "failing" } });
  });
});
