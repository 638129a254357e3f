import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { requestPasswordReset } from "../../../accounts/request-password-reset.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { ACCEPTED, AcceptedSchema, EmailSchema } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/password-reset",
  tags: ["Authentication"],
  summary: "Email a password-reset link",
  description:
    "Always 202 with the same body and the same work on the request's path, whether or not the address has an " +
    "account, so it cannot be used to find accounts: an account holder gets a reset link, any other address a " +
    "note saying it has no account. Limited per IP address (429) and, quietly, per email address (no more emails " +
    "past 3 an hour).",
  access: "public",
  failures: requestPasswordReset.failures,
  request: { body: { required: true, content: { "application/json": { schema: z.object({ email: EmailSchema }) } } } },
  responses: {
    202: {
      description: "Accepted: check the inbox of the address",
      content: { "application/json": { schema: AcceptedSchema } },
    },
  },
});

export function registerRequestPasswordReset<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await requestPasswordReset(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.json(ACCEPTED, 202);
  });
}
