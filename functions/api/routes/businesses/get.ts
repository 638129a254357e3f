import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import { loadBusinessFor } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { BusinessSchema, IdParamSchema, toBusinessResponse } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/businesses/{id}",
  tags: ["Listings"],
  summary: "One listing",
  description:
    "Public for published, under-offer and sold listings. Identifying fields (trading name, company number, town, " +
    "postcode, seller) of a confidential listing are null unless the caller is its seller, advisor, an admin, or a buyer " +
    "with an accepted NDA. Counts a view when the caller is not its seller. The ETag is the listing's version.",
  security: [...bearerAuth, {}],
  middleware: [authenticate({ required: false })] as const,
  request: { params: IdParamSchema },
  responses: {
    200: { description: "The listing", content: { "application/json": { schema: BusinessSchema } } },
    ...problems(400, 401, 404),
  },
});

export function registerGetBusiness<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { prisma } = c.get("deps");
    const user = c.get("user");
    const { business, seesIdentity } = await loadBusinessFor(prisma, c.req.valid("param").id, user);
    if (business.sellerId !== user?.id) {
      // An atomic increment: concurrent views are all counted. Not a content change, so the version stays.
      await prisma.$executeRaw`UPDATE businesses SET view_count = view_count + 1 WHERE id = ${business.id}::uuid`;
      business.viewCount += 1;
    }
    if (user) {
      await recordActivity(prisma, {
        action: ActivityAction.listingViewed,
        userId: user.id,
        entityType: "business",
        entityId: business.id,
        ...activityOrigin(c.var.request),
      });
    }
    c.header("ETag", `"${business.version}"`);
    return c.json(toBusinessResponse(business, seesIdentity), 200);
  });
}
