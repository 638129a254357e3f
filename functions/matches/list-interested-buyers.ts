import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FundingSource } from "../../generated/prisma/enums.ts";
import { AppError } from "../errors/app-error.ts";
import { loadBusinessFor } from "../listings/listing-access.ts";
import { explainMatches } from "../matching/explain-matches.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { CriterionScore } from "./match-breakdown.ts";

/** The most buyers one list returns. */
const LIST_LIMIT = 100;

export interface InterestedBuyer {
  score: number;
  breakdown: CriterionScore[];
  buyer: {
    /** Stable per listing, so a seller can tell anonymous buyers apart without learning who they are. */
    reference: string;
    /** Withheld (null) until the buyer has inquired. */
    name: string | null;
    headline: string;
    fundingSource: FundingSource | null;
    proofOfFundsVerified: boolean;
    hasInquired: boolean;
  };
}

/** A buyer's reference for one listing: the same every time, and no use for finding them anywhere else. */
function buyerReference(businessId: string, profileId: string): string {
  return `buyer-${createHash("sha256").update(`${businessId}:${profileId}`).digest("hex").slice(0, 8)}`;
}

/**
 * The buyers matched to a listing, best score first, for its seller, advisor or an admin. Buyers
 * stay anonymous until they inquire.
 */
export async function listInterestedBuyers(
  deps: { prisma: PrismaClient },
  input: { businessId: string },
  request: SignedInRequest,
): Promise<InterestedBuyer[]> {
  const { prisma } = deps;
  const { business, isManager } = await loadBusinessFor(prisma, input.businessId, request.caller);
  if (!isManager) throw new AppError("forbidden", "Only the listing's seller or advisor sees its interested buyers.");
  const matches = await prisma.match.findMany({
    where: { businessId: business.id, buyerProfile: { deletedAt: null } },
    include: { buyerProfile: { include: { user: { select: { id: true, name: true } } } } },
    orderBy: [{ score: "desc" }, { buyerProfileId: "asc" }],
    take: LIST_LIMIT,
  });
  const inquiries = await prisma.inquiry.findMany({
    where: { businessId: business.id, deletedAt: null },
    select: { buyerId: true },
  });
  const inquired = new Set(inquiries.map((inquiry) => inquiry.buyerId));
  const explained = await explainMatches(prisma, matches);
  return matches.map((match) => {
    const profile = match.buyerProfile;
    const hasInquired = inquired.has(profile.userId);
    const { score, breakdown } = explained.get(`${match.buyerProfileId}:${match.businessId}`)!;
    return {
      score,
      breakdown,
      buyer: {
        reference: buyerReference(business.id, profile.id),
        name: hasInquired ? profile.user.name : null,
        headline: profile.headline,
        fundingSource: profile.fundingSource,
        proofOfFundsVerified: profile.proofOfFundsVerifiedAt !== null,
        hasInquired,
      },
    };
  });
}
listInterestedBuyers.failures = ["not_found", "forbidden"] as const;
