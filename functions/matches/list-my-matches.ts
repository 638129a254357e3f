import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { MATCHABLE_STATUSES } from "../matching/matching-rules.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** The most matches one list returns. */
const LIST_LIMIT = 100;

/** A buyer's matches to listings still for sale, best score first. */
export async function listMyMatches(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
) {
  const { caller } = request;
  if (caller.role !== "BUYER") throw new AppError("forbidden", "Matches are for buyers.");
  return deps.prisma.match.findMany({
    where: {
      buyerProfile: { userId: caller.id, deletedAt: null },
      business: { deletedAt: null, status: { in: [...MATCHABLE_STATUSES] } },
    },
    include: {
      business: { select: { id: true, title: true, sicCode: true, region: true, askingPrice: true, status: true } },
    },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    take: LIST_LIMIT,
  });
}
listMyMatches.failures = ["forbidden"] as const;

export type BuyerMatch = Awaited<ReturnType<typeof listMyMatches>>[number];
