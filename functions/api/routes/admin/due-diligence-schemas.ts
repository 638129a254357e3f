import { z } from "@hono/zod-openapi";
import type { BuyerDueDiligence } from "../../../../generated/prisma/client.ts";
import { AmlRiskRating, IdentityCheckMethod } from "../../../../generated/prisma/enums.ts";
import { uuid } from "../uuid.ts";

export const DueDiligenceInputSchema = z
  .object({
    identityMethod: z.enum(IdentityCheckMethod),
    identityCheckedAt: z.iso
      .datetime({ offset: true })
      .openapi({ description: "When the identity was checked; not in the future" }),
    sourceOfFunds: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .openapi({ description: "The evidence of where the buyer's money comes from, in words" }),
    riskRating: z.enum(AmlRiskRating),
  })
  .strict();

export const DueDiligenceSchema = z
  .object({
    buyerId: uuid(),
    identityMethod: z.enum(IdentityCheckMethod),
    identityCheckedAt: z.iso.datetime(),
    sourceOfFunds: z.string(),
    riskRating: z.enum(AmlRiskRating),
    recordedById: uuid(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("BuyerDueDiligence");

export function toDueDiligenceResponse(record: BuyerDueDiligence): z.infer<typeof DueDiligenceSchema> {
  return {
    buyerId: record.buyerId,
    identityMethod: record.identityMethod,
    identityCheckedAt: record.identityCheckedAt.toISOString(),
    sourceOfFunds: record.sourceOfFunds,
    riskRating: record.riskRating,
    recordedById: record.recordedById,
    updatedAt: record.updatedAt.toISOString(),
  };
}
