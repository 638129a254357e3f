import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { BuyerProfile } from "../../../../generated/prisma/client.ts";
import { AppError } from "../../../errors/app-error.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { REGIONS } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const Pence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const FUNDING = ["CASH", "BANK_DEBT", "PRIVATE_EQUITY", "SBA_OR_GOVERNMENT", "MIXED"] as const;

const BuyerProfileInputSchema = z
  .object({
    headline: z.string().trim().min(5).max(300),
    sicCodes: z
      .array(z.string().regex(/^\d{2,5}$/, "must be a SIC 2007 prefix of 2 to 5 digits"))
      .max(50)
      .openapi({ description: "Sectors wanted, at any SIC level; empty means any" }),
    regions: z.array(z.enum(REGIONS)).max(12).openapi({ description: "Empty means anywhere" }),
    minPricePence: Pence.nullable().optional(),
    maxPricePence: Pence.nullable().optional(),
    minRevenuePence: Pence.nullable().optional(),
    minEbitdaPence: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    fundingSource: z.enum(FUNDING).nullable().optional(),
  })
  .refine(
    (value) => value.minPricePence == null || value.maxPricePence == null || value.minPricePence <= value.maxPricePence,
    {
      message: "must be at least minPricePence",
      path: ["maxPricePence"],
    },
  );

const BuyerProfileSchema = z
  .object({
    id: uuid(),
    headline: z.string(),
    sicCodes: z.array(z.string()),
    regions: z.array(z.enum(REGIONS)),
    minPricePence: z.number().int().nullable(),
    maxPricePence: z.number().int().nullable(),
    minRevenuePence: z.number().int().nullable(),
    minEbitdaPence: z.number().int().nullable(),
    fundingSource: z.enum(FUNDING).nullable(),
    proofOfFundsVerified: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("BuyerProfile");

const num = (value: bigint | null) => (value === null ? null : Number(value));
const big = (value: number | null | undefined) => (value == null ? null : BigInt(value));

function toResponse(profile: BuyerProfile): z.infer<typeof BuyerProfileSchema> {
  return {
    id: profile.id,
    headline: profile.headline,
    sicCodes: profile.sicCodes,
    regions: profile.regions,
    minPricePence: num(profile.minPrice),
    maxPricePence: num(profile.maxPrice),
    minRevenuePence: num(profile.minRevenue),
    minEbitdaPence: num(profile.minEbitda),
    fundingSource: profile.fundingSource,
    proofOfFundsVerified: profile.proofOfFundsVerifiedAt !== null,
    updatedAt: profile.updatedAt.toISOString(),
  };
}

const get = createRoute({
  method: "get",
  path: "/me/buyer-profile",
  tags: ["Buyer profiles"],
  summary: "My acquisition criteria",
  description: "Buyers only; 404 until they have saved a profile.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: {
    200: { description: "The profile", content: { "application/json": { schema: BuyerProfileSchema } } },
    ...problems(401, 403, 404),
  },
});

const put = createRoute({
  method: "put",
  path: "/me/buyer-profile",
  tags: ["Buyer profiles"],
  summary: "Save my acquisition criteria",
  description: "Buyers only. Replaces the whole profile.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { body: { required: true, content: { "application/json": { schema: BuyerProfileInputSchema } } } },
  responses: {
    200: { description: "Saved", content: { "application/json": { schema: BuyerProfileSchema } } },
    ...problems(400, 401, 403),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/me/buyer-profile",
  tags: ["Buyer profiles"],
  summary: "Delete my acquisition criteria",
  description: "Buyers only. Stops matching (soft delete; saving a profile again restores matching).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404) },
});

function requireBuyer(role: string) {
  if (role !== "BUYER") throw new AppError("forbidden", "Only buyers keep acquisition profiles.");
}

export function registerBuyerProfileRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(get, async (c) => {
      const user = currentUser(c);
      requireBuyer(user.role);
      const profile = await c
        .get("deps")
        .prisma.buyerProfile.findFirst({ where: { userId: user.id, deletedAt: null } });
      if (!profile) throw new AppError("not_found", "No buyer profile yet; save one with PUT /me/buyer-profile.");
      return c.json(toResponse(profile), 200);
    })
    .openapi(remove, async (c) => {
      const user = currentUser(c);
      requireBuyer(user.role);
      const { count } = await c.get("deps").prisma.buyerProfile.updateMany({
        where: { userId: user.id, deletedAt: null },
        data: { deletedAt: c.var.request.receivedAt },
      });
      if (count === 0) throw new AppError("not_found", "No buyer profile to delete.");
      return c.body(null, 204);
    })
    .openapi(put, async (c) => {
      const user = currentUser(c);
      requireBuyer(user.role);
      const input = c.req.valid("json");
      const data = {
        headline: input.headline,
        sicCodes: input.sicCodes,
        regions: input.regions,
        minPrice: big(input.minPricePence),
        maxPrice: big(input.maxPricePence),
        minRevenue: big(input.minRevenuePence),
        minEbitda: big(input.minEbitdaPence),
        fundingSource: input.fundingSource ?? null,
        deletedAt: null,
      };
      const profile = await c.get("deps").prisma.buyerProfile.upsert({
        where: { userId: user.id },
        create: { ...data, userId: user.id },
        update: data,
      });
      return c.json(toResponse(profile), 200);
    });
}
