import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { checkReadiness } from "../../ops/check-readiness.ts";
import type { AppEnv } from "../app-context.ts";

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

export function registerReady<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { ready, checks } = await checkReadiness(c.get("deps"));
    return c.json({ status: ready ? ("ready" as const) : ("not_ready" as const), checks }, ready ? 200 : 503);
  });
}
