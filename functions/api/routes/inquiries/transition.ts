import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Schema } from "hono";
import { INQUIRY_TRANSITIONS, type InquiryAction } from "../../../domain/inquiry-status.ts";
import { AppError } from "../../../errors/app-error.ts";
import { loadInquiryFor } from "../../access/inquiry-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { INQUIRY_INCLUDE, InquiryIdParamSchema, InquirySchema, toInquiryResponse } from "./schemas.ts";

const DESCRIPTIONS: Record<InquiryAction, string> = {
  accept:
    "The listing's seller accepts a pending inquiry. Opens the deal room (seller as owner, the listing's advisor as " +
    "advisor); the buyer joins it when they accept the NDA.",
  decline: "The listing's seller declines a pending inquiry.",
  withdraw: "The buyer withdraws their pending inquiry.",
};

function routeFor<Action extends InquiryAction>(action: Action) {
  return createRoute({
    method: "post",
    // A literal type per action, so the typed client keeps one entry per route.
    path: `/inquiries/{id}/${action}` as `/inquiries/{id}/${Action}`,
    tags: ["Inquiries"],
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} an inquiry`,
    description: `${DESCRIPTIONS[action]} Only from PENDING; otherwise 409 invalid_transition.`,
    security: bearerAuth,
    middleware: [authenticate({ required: true })] as const,
    request: { params: InquiryIdParamSchema },
    responses: {
      200: { description: "Done", content: { "application/json": { schema: InquirySchema } } },
      ...problems(400, 401, 403, 404, 409),
    },
  });
}

/** Applies `action` to the inquiry in the path, as the calling user. */
async function applyTransition(c: Context<AppEnv>, action: InquiryAction, inquiryId: string) {
  const { prisma } = c.get("deps");
  const user = currentUser(c);
  const rule = INQUIRY_TRANSITIONS[action];
  const { inquiry, isBuyer, isSeller } = await loadInquiryFor(prisma, inquiryId, user);
  if (rule.by === "seller" ? !isSeller : !isBuyer) {
    throw new AppError("forbidden", `Only the ${rule.by} can ${action} this inquiry.`);
  }
  if (!rule.from.includes(inquiry.status)) {
    throw new AppError("invalid_transition", `A ${inquiry.status} inquiry cannot be ${rule.to.toLowerCase()}.`);
  }
  const updated = await prisma.$transaction(async (tx) => {
    // Conditional on the status we checked: of two racing responses, one wins.
    const { count } = await tx.inquiry.updateMany({
      where: { id: inquiry.id, status: inquiry.status },
      data: { status: rule.to, respondedAt: c.var.request.receivedAt },
    });
    if (count === 0) throw new AppError("invalid_transition", "The inquiry changed meanwhile; read it again.");
    if (action === "accept") {
      const advisorUserId = (inquiry.business as { advisor?: { userId: string } | null }).advisor?.userId;
      await tx.dealRoom.create({
        data: {
          businessId: inquiry.businessId,
          inquiryId: inquiry.id,
          name: `Project ${inquiry.business.title.split(/\s+/).slice(0, 3).join(" ")}`,
          members: {
            create: [
              { userId: inquiry.business.sellerId, role: "OWNER" },
              ...(advisorUserId
                ? [{ userId: advisorUserId, role: "ADVISOR" as const, addedById: inquiry.business.sellerId }]
                : []),
            ],
          },
        },
      });
    }
    await tx.business.update({ where: { id: inquiry.businessId }, data: { lastActivityAt: c.var.request.receivedAt } });
    return tx.inquiry.findUniqueOrThrow({ where: { id: inquiry.id }, include: INQUIRY_INCLUDE });
  });
  return toInquiryResponse(updated);
}

export function registerInquiryTransitions<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(routeFor("accept"), async (c) => c.json(await applyTransition(c, "accept", c.req.valid("param").id), 200))
    .openapi(routeFor("decline"), async (c) =>
      c.json(await applyTransition(c, "decline", c.req.valid("param").id), 200),
    )
    .openapi(routeFor("withdraw"), async (c) =>
      c.json(await applyTransition(c, "withdraw", c.req.valid("param").id), 200),
    );
}
