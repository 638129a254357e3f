import type { BuyerProfile, PrismaClient } from "../../generated/prisma/client.ts";
import type { FundingSource, UkRegion } from "../../generated/prisma/enums.ts";
import { enqueueEvent } from "../events/enqueue-event.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { requireBuyer } from "./require-buyer.ts";

/** What a buyer looks for. Empty lists and absent bounds mean "any"; money in whole pence. */
export interface BuyerProfileFields {
  headline: string;
  sicCodes: string[];
  regions: UkRegion[];
  minPricePence?: number | null | undefined;
  maxPricePence?: number | null | undefined;
  minRevenuePence?: number | null | undefined;
  minEbitdaPence?: number | null | undefined;
  fundingSource?: FundingSource | null | undefined;
}

const big = (value: number | null | undefined) => (value == null ? null : BigInt(value));

/** A buyer saves their acquisition criteria, replacing the whole profile (and restoring a deleted one). */
export async function saveBuyerProfile(
  deps: { prisma: PrismaClient },
  input: BuyerProfileFields,
  request: SignedInRequest,
): Promise<BuyerProfile> {
  const { caller } = request;
  requireBuyer(caller);
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
  return deps.prisma.$transaction(async (tx) => {
    const profile = await tx.buyerProfile.upsert({
      where: { userId: caller.id },
      create: { ...data, userId: caller.id },
      update: data,
    });
    // Its matches are recomputed after commit (functions/events/).
    await enqueueEvent(tx, "buyer-profile.changed", profile.id, request.receivedAt);
    return profile;
  });
}
saveBuyerProfile.failures = ["forbidden"] as const;
