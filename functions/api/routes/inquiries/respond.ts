import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { InquiryAction } from "../../../domain/inquiry-status.ts";
import { respondToInquiry } from "../../../inquiries/respond-to-inquiry.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { InquiryIdParamSchema, InquirySchema, toInquiryResponse } from "./schemas.ts";

const DESCRIPTIONS: Record<InquiryAction, string> = {
  accept:
    "The listing's seller accepts a pending inquiry. Opens the deal room (seller as owner, the listing's advisor as " +
    "advisor); the buyer joins it when they accept the NDA.",
  decline: "The listing's seller declines a pending inquiry.",
  withdraw: "The buyer withdraws their pending inquiry.",
};

/** One route per action: the same operation, `respondToInquiry`, with its action in the path. */
function routeFor<Action extends InquiryAction>(action: Action) {
  return defineRoute({
    method: "post",
    // A literal type per action, so the typed client keeps one entry per route.
    path: `/inquiries/{id}/${action}` as `/inquiries/{id}/${Action}`,
    tags: ["Inquiries"],
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} an inquiry`,
    description: `${DESCRIPTIONS[action]} Only from PENDING; otherwise 409 invalid_transition.`,
    access: "signed-in",
    failures: respondToInquiry.failures,
    request: { params: InquiryIdParamSchema },
    responses: { 200: { description: "Done", content: { "application/json": { schema: InquirySchema } } } },
  });
}

export function registerRespondToInquiry<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const respond = async (
    c: { get(key: "deps"): AppEnv["Variables"]["deps"]; var: AppEnv["Variables"] },
    inquiryId: string,
    action: InquiryAction,
  ) => toInquiryResponse(await respondToInquiry(c.get("deps"), { inquiryId, action }, signedInRequest(c)));
  return app
    .openapi(routeFor("accept"), async (c) => c.json(await respond(c, c.req.valid("param").id, "accept"), 200))
    .openapi(routeFor("decline"), async (c) => c.json(await respond(c, c.req.valid("param").id, "decline"), 200))
    .openapi(routeFor("withdraw"), async (c) => c.json(await respond(c, c.req.valid("param").id, "withdraw"), 200));
}
