import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getDealRoom } from "../../../deal-rooms/get-deal-room.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { DealRoomParamsSchema, DealRoomSchema, toDealRoomResponse } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms/{id}",
  tags: ["Deal rooms"],
  summary: "A deal room and its members",
  description: "Members with current access, and admins; 404 for everyone else.",
  access: "signed-in",
  failures: getDealRoom.failures,
  request: { params: DealRoomParamsSchema },
  responses: { 200: { description: "The room", content: { "application/json": { schema: DealRoomSchema } } } },
});

export function registerGetDealRoom<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const room = await getDealRoom(c.get("deps"), { dealRoomId: c.req.valid("param").id }, signedInRequest(c));
    return c.json(toDealRoomResponse(room), 200);
  });
}
