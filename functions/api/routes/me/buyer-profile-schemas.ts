import { z } from "@hono/zod-openapi";
import type { BuyerProfile } from "../../../../generated/prisma/client.ts";
import { FundingSource, UkRegion } from "../../../../generated/prisma/enums.ts";
import type { BuyerProfileFields } from "../../../buyer-profiles/save-buyer-profile.ts";
import { uuid } from "../uuid.ts";

const Pence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const BuyerProfileInputSchema = z
  .object({
    headline: z.string().trim().min(5).max(300),
    sicCodes: z
      .array(z.string().regex(/^\d{2,5}$/, "must be a SIC 2007 prefix of 2 to 5 digits"))
      .max(50)
      .openapi({ description: "Sectors wanted, at any SIC level; empty means any" }),
    regions: z.array(z.enum(UkRegion)).max(12).openapi({ description: "Empty means anywhere" }),
    minPricePence: Pence.nullable().optional(),
    maxPricePence: Pence.nullable().optional(),
    minRevenuePence: Pence.nullable().optional(),
    minEbitdaPence: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    fundingSource: z.enum(FundingSource).nullable().optional(),
  })
  .refine(
    (value) => value.minPricePence == null || value.maxPricePence == null || value.minPricePence <= value.maxPricePence,
    {
      message: "must be at least minPricePence",
      path: ["maxPricePence"],
    },
  ) satisfies z.ZodType<BuyerProfileFields, unknown>;

export const BuyerProfileSchema = z
  .object({
    id: uuid(),
    headline: z.string(),
    sicCodes: z.array(z.string()),
    regions: z.array(z.enum(UkRegion)),
    minPricePence: z.number().int().nullable(),
    maxPricePence: z.number().int().nullable(),
    minRevenuePence: z.number().int().nullable(),
    minEbitdaPence: z.number().int().nullable(),
    fundingSource: z.enum(FundingSource).nullable(),
    proofOfFundsVerified: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("BuyerProfile");

const num = (value: bigint | null) => (value === null ? null : Number(value));

export function toBuyerProfileResponse(profile: BuyerProfile): z.infer<typeof BuyerProfileSchema> {
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
