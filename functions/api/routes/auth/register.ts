import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { requestRegistration } from "../../../accounts/request-registration.ts";
import type { AppEnv } from "../../app-context.ts";
import { defineRoute } from "../define-route.ts";
import { ACCEPTED, AcceptedSchema, EmailSchema, PasswordSchema, SELF_SERVICE_ROLES } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/auth/register",
  tags: ["Authentication"],
  summary: "Ask for a seller, buyer or advisor account",
  description:
    "Always 202, whether or not the address already has an account, so it cannot be used to find accounts. " +
    "A new address gets its account and a confirmation link; the account can log in once the address is " +
    "confirmed (POST /auth/verify-email). An address with an account gets an email saying someone tried. " +
    "Admins are created only by seed or by another admin. Limited per IP address (429) and, quietly, per " +
    "email address (no more emails past 3 an hour).",
  access: "public",
  failures: requestRegistration.failures,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            email: EmailSchema,
            password: PasswordSchema,
            name: z.string().trim().min(1).max(200),
            role: z.enum(SELF_SERVICE_ROLES),
          }),
        },
      },
    },
  },
  responses: {
    202: {
      description: "Accepted: check the inbox of the address",
      content: { "application/json": { schema: AcceptedSchema } },
    },
  },
});

export function registerRegister<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await requestRegistration(c.get("deps"), c.req.valid("json"), c.var.request);
    return c.json(ACCEPTED, 202);
  });
}
