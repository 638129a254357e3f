import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { expectedMigrationNames } from "../../db/migration-names.ts";
import type { AppEnv } from "../app-context.ts";

/** A readiness probe must answer quickly even when the database hangs. */
const DATABASE_TIMEOUT_MS = 2000;

const Check = z.enum(["ok", "failing", "unknown"]);
const ReadySchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    checks: z.object({ database: Check, migrations: Check, pool: Check }),
  })
  .openapi("Readiness");

const route = createRoute({
  method: "get",
  path: "/ready",
  tags: ["Operations"],
  summary: "Readiness: may this instance take traffic?",
  description:
    "200 when the database answers (within 2 s), every migration this build expects is applied, and the connection " +
    "pool has no requests waiting; 503 naming the failing check otherwise. No internals are revealed.",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ReadySchema } } },
    503: { description: "Not ready", content: { "application/json": { schema: ReadySchema } } },
  },
});

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function registerReady<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma, poolStats } = c.get("deps");
    const checks: z.infer<typeof ReadySchema>["checks"] = { database: "ok", migrations: "unknown", pool: "unknown" };
    // The pool first: the database check below takes a connection, so it would wait behind an
    // exhausted pool and see it drained.
    if (poolStats) {
      const stats = poolStats();
      checks.pool = stats.waiting > 0 && stats.open >= stats.max ? "failing" : "ok";
    }
    try {
      const applied = await withTimeout(
        prisma.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        DATABASE_TIMEOUT_MS,
      );
      const expected = expectedMigrationNames();
      if (expected) {
        const done = new Set(applied.map((row) => row.migration_name));
        checks.migrations = expected.every((name) => done.has(name)) ? "ok" : "failing";
      }
    } catch {
      checks.database = "failing";
    }
    const ready = Object.values(checks).every((check) => check !== "failing");
    return c.json({ status: ready ? ("ready" as const) : ("not_ready" as const), checks }, ready ? 200 : 503);
  });
}
