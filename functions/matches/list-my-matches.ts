import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { explainMatches } from "../matching/explain-matches.ts";
import { MATCHABLE_STATUSES } from "../matching/matching-rules.ts";
import { decodeKeysetCursor, encodeKeysetCursor, isUuid } from "../requests/keyset-cursor.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/** Where the next page starts: the last match's score and listing. */
const encodeCursor = (match: { score: number; businessId: string }) =>
  encodeKeysetCursor([String(match.score), match.businessId]);

const decodeCursor = (cursor: string) =>
  decodeKeysetCursor(cursor, ([score, businessId, ...rest]) => {
    const value = Number(score);
    const valid = rest.length === 0 && isUuid(businessId) && Number.isInteger(value) && value >= 0 && value <= 100;
    return valid ? { score: value, businessId } : null;
  });

/**
 * A buyer's matches to listings still for sale, best score first, a page at a time (keyset on
 * score and listing: stable while matches change elsewhere), each with its reasons as the profile
 * and listing are now.
 */
export async function listMyMatches(
  deps: { prisma: PrismaClient },
  input: { limit?: number | undefined; cursor?: string | undefined },
  request: SignedInRequest,
) {
  const { caller } = request;
  if (caller.role !== "BUYER") throw new AppError("forbidden", "Matches are for buyers.");
  const limit = input.limit ?? 100;
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const page = await deps.prisma.match.findMany({
    where: {
      buyerProfile: { userId: caller.id, deletedAt: null },
      business: { deletedAt: null, status: { in: [...MATCHABLE_STATUSES] } },
      ...(after
        ? {
            OR: [{ score: { lt: after.score } }, { score: after.score, businessId: { gt: after.businessId } }],
          }
        : {}),
    },
    include: {
      business: { select: { id: true, title: true, sicCode: true, region: true, askingPrice: true, status: true } },
    },
    orderBy: [{ score: "desc" }, { businessId: "asc" }],
    take: limit + 1,
  });
  const matches = page.slice(0, limit);
  const explained = await explainMatches(deps.prisma, matches);
  const last = matches.at(-1);
  return {
    items: matches.map((match) => ({
      ...match,
      ...explained.get(`${match.buyerProfileId}:${match.businessId}`)!,
    })),
    nextCursor: page.length > limit && last ? encodeCursor(last) : null,
  };
}
listMyMatches.failures = ["forbidden", "validation_failed"] as const;

export type BuyerMatch = Awaited<ReturnType<typeof listMyMatches>>["items"][number];
