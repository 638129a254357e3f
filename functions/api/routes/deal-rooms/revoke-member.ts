import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { revokeMember } from "../../../deal-rooms/revoke-member.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema } from "./schemas.ts";

const route = defineRoute({
  method: "delete",
  path: "/deal-rooms/{id}/members/{userId}",
  tags: ["Deal rooms"],
  summary: "Revoke someone's access",
  description: "The room's owner or an admin. The owner's own access cannot be revoked.",
  access: "signed-in",
  failures: revokeMember.failures,
  request: {
    params: DealRoomParamsSchema.extend({ userId: uuid().openapi({ param: { name: "userId", in: "path" } }) }),
  },
  responses: { 204: { description: "Revoked" } },
});

export function registerRevokeMember<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, userId } = c.req.valid("param");
    await revokeMember(c.get("deps"), { dealRoomId: id, userId }, signedInRequest(c));
    return c.body(null, 204);
  });
}
