import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { DealStage } from "../../../../generated/prisma/enums.ts";
import { listDealRooms } from "../../../deal-rooms/list-deal-rooms.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";

const route = defineRoute({
  method: "get",
  path: "/deal-rooms",
  tags: ["Deal rooms"],
  summary: "My deal rooms",
  description: "Rooms where the caller's access is current (not revoked or expired); admins see all.",
  access: "signed-in",
  failures: listDealRooms.failures,
  responses: {
    200: {
      description: "Rooms",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(z.object({ id: uuid(), businessId: uuid(), name: z.string(), stage: z.enum(DealStage) })),
          }),
        },
      },
    },
  },
});

export function registerListDealRooms<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const rooms = await listDealRooms(c.get("deps"), {}, signedInRequest(c));
    return c.json({ items: rooms.map(({ id, businessId, name, stage }) => ({ id, businessId, name, stage })) }, 200);
  });
}
