import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessFor, PUBLIC_STATUSES } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { IdParamSchema, REGIONS } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const CriterionSchema = z.object({ criterion: z.string(), score: z.number(), max: z.number(), reason: z.string() });

const BuyerMatchSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    breakdown: z.array(CriterionSchema),
    business: z.object({
      id: uuid(),
      title: z.string(),
      sicCode: z.string(),
      region: z.enum(REGIONS),
      askingPricePence: z.number().int(),
      status: z.string(),
    }),
  })
  .openapi("BuyerMatch");

const InterestedBuyerSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    breakdown: z.array(CriterionSchema),
    buyer: z.object({
      /** Stable per listing, so a seller can tell anonymous buyers apart without learning who they are. */
      reference: z.string(),
      name: z.string().nullable().openapi({ description: "Withheld (null) until the buyer has inquired" }),
      headline: z.string(),
      fundingSource: z.string().nullable(),
      proofOfFundsVerified: z.boolean(),
      hasInquired: z.boolean(),
    }),
  })
  .openapi("InterestedBuyer");

const myMatches = createRoute({
  method: "get",
  path: "/me/matches",
  tags: ["Matches"],
  summary: "Listings matched to my acquisition profile",
  description: "Buyers only. Best score first, with the plain-English reason for each criterion.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: {
    200: {
      description: "Matches",
      content: { "application/json": { schema: z.object({ items: z.array(BuyerMatchSchema) }) } },
    },
    ...problems(401, 403),
  },
});

const interestedBuyers = createRoute({
  method: "get",
  path: "/businesses/{id}/interested-buyers",
  tags: ["Matches"],
  summary: "Buyers matched to my listing",
  description: "The listing's seller, advisor or an admin. Buyers stay anonymous until they inquire.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: "Matched buyers",
      content: { "application/json": { schema: z.object({ items: z.array(InterestedBuyerSchema) }) } },
    },
    ...problems(400, 401, 403, 404),
  },
});

type Breakdown = z.infer<typeof CriterionSchema>[];

export function registerMatchRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(myMatches, async (c) => {
      const user = currentUser(c);
      if (user.role !== "BUYER") throw new AppError("forbidden", "Matches are for buyers.");
      const matches = await c.get("deps").prisma.match.findMany({
        where: {
          buyerProfile: { userId: user.id, deletedAt: null },
          business: { deletedAt: null, status: { in: [...PUBLIC_STATUSES] } },
        },
        include: {
          business: { select: { id: true, title: true, sicCode: true, region: true, askingPrice: true, status: true } },
        },
        orderBy: [{ score: "desc" }, { id: "asc" }],
        take: 100,
      });
      return c.json(
        {
          items: matches.map((match) => ({
            score: match.score,
            breakdown: match.breakdown as Breakdown,
            business: {
              id: match.business.id,
              title: match.business.title,
              sicCode: match.business.sicCode,
              region: match.business.region,
              askingPricePence: Number(match.business.askingPrice),
              status: match.business.status,
            },
          })),
        },
        200,
      );
    })
    .openapi(interestedBuyers, async (c) => {
      const { prisma } = c.get("deps");
      const { business, isManager } = await loadBusinessFor(prisma, c.req.valid("param").id, currentUser(c));
      if (!isManager)
        throw new AppError("forbidden", "Only the listing's seller or advisor sees its interested buyers.");
      const matches = await prisma.match.findMany({
        where: { businessId: business.id, buyerProfile: { deletedAt: null } },
        include: { buyerProfile: { include: { user: { select: { id: true, name: true } } } } },
        orderBy: [{ score: "desc" }, { id: "asc" }],
        take: 100,
      });
      const inquired = new Set(
        (
          await prisma.inquiry.findMany({
            where: { businessId: business.id, deletedAt: null },
            select: { buyerId: true },
          })
        ).map((inquiry) => inquiry.buyerId),
      );
      return c.json(
        {
          items: matches.map((match) => {
            const profile = match.buyerProfile;
            const hasInquired = inquired.has(profile.userId);
            return {
              score: match.score,
              breakdown: match.breakdown as Breakdown,
              buyer: {
                reference: `buyer-${createHash("sha256").update(`${business.id}:${profile.id}`).digest("hex").slice(0, 8)}`,
                name: hasInquired ? profile.user.name : null,
                headline: profile.headline,
                fundingSource: profile.fundingSource,
                proofOfFundsVerified: profile.proofOfFundsVerifiedAt !== null,
                hasInquired,
              },
            };
          }),
        },
        200,
      );
    });
}
