import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { logIn } from "../../../accounts/log-in.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { EmailSchema, TokenPairSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/login",
  tags: ["Authentication"],
  summary: "Log in with email and password",
  description:
    "Rate-limited: after 3 failed attempts for an account each attempt is slowed down; after 5 failures in 15 minutes " +
    "(or 20 from one IP address) logins are refused with 429 and Retry-After.",
  access: "public",
  failures: logIn.failures,
  request: {
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ email: EmailSchema, password: z.string().min(1).max(128) }) },
      },
    },
  },
  responses: {
    200: { description: "Logged in", content: { "application/json": { schema: TokenPairSchema } } },
  },
});

export function registerLogin<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const tokens = await logIn(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.json({ ...tokens, tokenType: "Bearer" as const }, 200);
  });
}
