import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getMyAccount } from "../../../accounts/get-my-account.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { toUserResponse, UserSchema } from "../auth/schemas.ts";
import { defineRoute } from "../define-route.ts";

const route = defineRoute({
  method: "get",
  path: "/me",
  tags: ["Authentication"],
  summary: "The logged-in user",
  description: "The account behind the access token.",
  access: "signed-in",
  failures: getMyAccount.failures,
  responses: {
    200: { description: "The caller's account", content: { "application/json": { schema: UserSchema } } },
  },
});

export function registerGetAccount<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) =>
    c.json(toUserResponse(await getMyAccount(c.get("deps"), {}, signedInRequest(c))), 200),
  );
}
