import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { addMember } from "../../../deal-rooms/add-member.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema, DealRoomSchema, toDealRoomResponse } from "./schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/deal-rooms/{id}/members",
  tags: ["Deal rooms"],
  summary: "Give someone access",
  description:
    "The room's owner (the seller) or an admin. Access can expire; adding a revoked member again restores them.",
  access: "signed-in",
  failures: addMember.failures,
  request: {
    params: DealRoomParamsSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            userId: uuid(),
            role: z.enum(["ADVISOR", "VIEWER"]),
            accessExpiresAt: z.iso.datetime().nullable().optional().openapi({ description: "Must be in the future." }),
          }),
        },
      },
    },
  },
  responses: { 200: { description: "Added", content: { "application/json": { schema: DealRoomSchema } } } },
});

export function registerAddMember<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { userId, role, accessExpiresAt } = c.req.valid("json");
    const input = {
      dealRoomId: c.req.valid("param").id,
      userId,
      role,
      accessExpiresAt: accessExpiresAt ? new Date(accessExpiresAt) : null,
    };
    return c.json(toDealRoomResponse(await addMember(c.get("deps"), input, signedInRequest(c))), 200);
  });
}
