import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { compareOfferVersions } from "../../../offers/get-offer.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { VersionChangesSchema, VersionParamSchema } from "./schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/offers/{id}/versions/{number}/changes",
  tags: ["Offers"],
  summary: "What a version changed from the one before it",
  description:
    "Each field that differs, from what to what (field paths as in the terms: payment.deferred.0.amountPence).",
  access: "signed-in",
  failures: compareOfferVersions.failures,
  request: { params: VersionParamSchema },
  responses: { 200: { description: "The changes", content: { "application/json": { schema: VersionChangesSchema } } } },
});

export function registerCompareOfferVersions<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const { id, number } = c.req.valid("param");
    return c.json(await compareOfferVersions(c.get("deps"), { offerId: id, number }, signedInRequest(c)), 200);
  });
}
