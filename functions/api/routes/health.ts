import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../app-context.ts";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "error"]),
    database: z.object({
      status: z.enum(["up", "down"]),
      latencyMs: z.number().optional(),
      /** The newest migration applied, e.g. "20261125005546_constraints". */
      migration: z.string().nullable().optional(),
    }),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["Operations"],
  summary: "Service and database health",
  description: "Liveness with a database round trip and the newest applied migration. Reveals no internals.",
  responses: {
    200: { description: "The API and its database are up", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "The database is unreachable", content: { "application/json": { schema: HealthSchema } } },
  },
});

export function registerHealth<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const started = performance.now();
    try {
      const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
        ORDER BY migration_name DESC LIMIT 1`;
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const migration = rows[0]?.migration_name ?? null;
      return c.json({ status: "ok" as const, database: { status: "up" as const, latencyMs, migration } }, 200);
    } catch {
      // No internals (host names, driver errors) leave the service on a public endpoint.
      return c.json({ status: "error" as const, database: { status: "down" as const } }, 503);
    }
  });
}
