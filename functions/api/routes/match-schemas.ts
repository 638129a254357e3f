import { z } from "@hono/zod-openapi";
import { FundingSource, UkRegion } from "../../../generated/prisma/enums.ts";
import type { BuyerMatch } from "../../matches/list-my-matches.ts";
import { uuid } from "./uuid.ts";

const CriterionSchema = z.object({ criterion: z.string(), score: z.number(), max: z.number(), reason: z.string() });

export const BuyerMatchSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    breakdown: z.array(CriterionSchema),
    business: z.object({
      id: uuid(),
      title: z.string(),
      sicCode: z.string(),
      region: z.enum(UkRegion),
      askingPricePence: z.number().int(),
      status: z.string(),
    }),
  })
  .openapi("BuyerMatch");

export function toBuyerMatchResponse(match: BuyerMatch): z.infer<typeof BuyerMatchSchema> {
  return {
    score: match.score,
    breakdown: match.breakdown,
    business: {
      id: match.business.id,
      title: match.business.title,
      sicCode: match.business.sicCode,
      region: match.business.region,
      askingPricePence: Number(match.business.askingPrice),
      status: match.business.status,
    },
  };
}

export const InterestedBuyerSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    breakdown: z.array(CriterionSchema),
    buyer: z.object({
      /** Stable per listing, so a seller can tell anonymous buyers apart without learning who they are. */
      reference: z.string(),
      name: z.string().nullable().openapi({ description: "Withheld (null) until the buyer has inquired" }),
      headline: z.string(),
      fundingSource: z.enum(FundingSource).nullable(),
      proofOfFundsVerified: z.boolean(),
      hasInquired: z.boolean(),
    }),
  })
  .openapi("InterestedBuyer");
