import type { PrismaClient } from "../../generated/prisma/client.ts";
import { type BoardRow, type BoardSortKey, boardRow, sortBoard } from "../domain/offer-board.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

export interface BoardEntry extends BoardRow {
  status: "AWAITING_SELLER" | "AWAITING_BUYER";
  /** On hold while the seller is committed to another offer. */
  frozen: boolean;
  latestVersion: number;
}

/**
 * The seller's board (issue 28): every live offer on a listing side by side, sorted by any column.
 * For the listing's seller, its advisor and admins; a buyer is refused before anything is read.
 * The multiple is of the latest full year's EBITDA (or SDE) in the listing's financials, or the
 * listing's own figures when it has none.
 */
export async function getOfferBoard(
  deps: { prisma: PrismaClient },
  input: { listingId: string; sort: BoardSortKey; direction: "asc" | "desc" },
  request: SignedInRequest,
): Promise<{ listingId: string; multipleOf: "EBITDA" | "SDE" | null; offers: BoardEntry[] }> {
  const { prisma } = deps;
  const { caller, receivedAt: now } = request;
  const business = await prisma.business.findFirst({
    where: { id: input.listingId, deletedAt: null },
    select: { id: true, sellerId: true, ebitda: true, sde: true, advisor: { select: { userId: true } } },
  });
  if (!business) throw new AppError("not_found", "No such listing.");
  const onSellerSide = business.sellerId === caller.id || business.advisor?.userId === caller.id;
  if (!onSellerSide && caller.role !== "ADMIN") {
    throw new AppError("forbidden", "Only the listing's seller and advisor see its offers.");
  }
  const [latestYear] = await prisma.businessFinancial.findMany({
    where: { businessId: business.id, deletedAt: null },
    orderBy: { financialYearEnd: "desc" },
    take: 1,
    select: { ebitda: true, sde: true },
  });
  const earnings = latestYear ?? business;
  const rows = await prisma.$queryRaw<
    {
      id: string;
      status: BoardEntry["status"];
      latest_version: number;
      open_until: Date;
      frozen: boolean;
      terms: OfferTerms;
      verified: boolean;
    }[]
  >`
    SELECT o.id::text, o.status::text, o.latest_version, o.open_until, o.frozen_at IS NOT NULL AS frozen, v.terms,
           u.verified_at IS NOT NULL AS verified
    FROM "offers" o
    JOIN "offer_versions" v ON v.offer_id = o.id AND v.number = o.latest_version
    JOIN "users" u ON u.id = o.buyer_id
    WHERE o.business_id = ${business.id}::uuid
      AND o.status IN ('AWAITING_SELLER', 'AWAITING_BUYER') AND o.open_until > ${now}`;
  const listingEarnings = {
    ebitdaPence: earnings.ebitda === null ? null : Number(earnings.ebitda),
    sdePence: earnings.sde === null ? null : Number(earnings.sde),
  };
  const byId = new Map(rows.map((row) => [row.id, row]));
  const board = rows.map((row) =>
    boardRow(
      { offerId: row.id, terms: row.terms, openUntil: row.open_until, buyerVerified: row.verified },
      listingEarnings,
      now,
    ),
  );
  return {
    listingId: business.id,
    multipleOf: board[0]?.multipleOf ?? null,
    offers: sortBoard(board, input.sort, input.direction).map((row) => {
      const offer = byId.get(row.offerId)!;
      return { ...row, status: offer.status, frozen: offer.frozen, latestVersion: offer.latest_version };
    }),
  };
}
getOfferBoard.failures = ["not_found", "forbidden"] as const;
