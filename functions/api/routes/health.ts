import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { checkLiveness } from "../../ops/check-liveness.ts";
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
    const liveness = await checkLiveness(c.get("deps"));
    return liveness.status === "ok" ? c.json(liveness, 200) : c.json(liveness, 503);
  });
}
