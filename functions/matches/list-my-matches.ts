import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { explainMatches } from "../matching/explain-matches.ts";
import { MATCHABLE_STATUSES } from "../matching/matching-rules.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** The most matches one list returns. */
const LIST_LIMIT = 100;

/**
 * A buyer's matches to listings still for sale, best score first, each with its reasons as the
 * profile and listing are now.
 */
export async function listMyMatches(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
) {
  const { caller } = request;
  if (caller.role !== "BUYER") throw new AppError("forbidden", "Matches are for buyers.");
  const matches = await deps.prisma.match.findMany({
    where: {
      buyerProfile: { userId: caller.id, deletedAt: null },
      business: { deletedAt: null, status: { in: [...MATCHABLE_STATUSES] } },
    },
    include: {
      business: { select: { id: true, title: true, sicCode: true, region: true, askingPrice: true, status: true } },
    },
    orderBy: [{ score: "desc" }, { businessId: "asc" }],
    take: LIST_LIMIT,
  });
  const explained = await explainMatches(deps.prisma, matches);
  return matches.map((match) => ({
    ...match,
    ...explained.get(`${match.buyerProfileId}:${match.businessId}`)!,
  }));
}
listMyMatches.failures = ["forbidden"] as const;

export type BuyerMatch = Awaited<ReturnType<typeof listMyMatches>>[number];
