import type { Offer, OfferVersion, Prisma } from "../../generated/prisma/client.ts";
import { currentStatus, type OfferSide, type OfferStatus, whoseTurn } from "../domain/offer-status.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";

/** One version of an offer's terms, as the API shows it. */
export interface OfferVersionDetails {
  number: number;
  proposedBy: OfferSide;
  terms: OfferTerms;
  openUntil: Date;
  createdAt: Date;
}

/** An offer as its buyer and the seller's side see it. Nothing in it names another buyer. */
export interface OfferDetails {
  id: string;
  listingId: string;
  /** As it stands now: a live offer past its open-until time reads EXPIRED before the job runs. */
  status: OfferStatus;
  /** Whose turn it is to answer, or null once the offer has ended. */
  turn: OfferSide | null;
  /** On hold while the seller is committed to another offer; it can be answered when that ends. */
  frozen: boolean;
  rejectionReason: string | null;
  latest: OfferVersionDetails;
  createdAt: Date;
  endedAt: Date | null;
  dealId: string | null;
}

export const OFFER_DETAILS = {
  versions: { orderBy: { number: "desc" as const }, take: 1 },
  deal: { select: { id: true } },
} as const;

export function toVersionDetails(version: OfferVersion): OfferVersionDetails {
  return {
    number: version.number,
    proposedBy: version.proposedBy,
    terms: version.terms as unknown as OfferTerms,
    openUntil: version.openUntil,
    createdAt: version.createdAt,
  };
}

export function toOfferDetails(
  offer: Offer & { versions: OfferVersion[]; deal: { id: string } | null },
  now: Date,
): OfferDetails {
  const status = currentStatus(offer, now);
  const latest = offer.versions[0];
  if (!latest || latest.number !== offer.latestVersion) throw new Error(`Offer ${offer.id} lost its latest version`);
  return {
    id: offer.id,
    listingId: offer.businessId,
    status,
    turn: whoseTurn(status),
    frozen: offer.frozenAt !== null && whoseTurn(status) !== null,
    rejectionReason: offer.rejectionReason,
    latest: toVersionDetails(latest),
    createdAt: offer.createdAt,
    endedAt: offer.endedAt,
    dealId: offer.deal?.id ?? null,
  };
}

/** The offer as it now stands, read inside the transaction that changed it. */
export async function readOfferDetails(
  tx: Pick<Prisma.TransactionClient, "offer">,
  offerId: string,
  now: Date,
): Promise<OfferDetails> {
  return toOfferDetails(await tx.offer.findUniqueOrThrow({ where: { id: offerId }, include: OFFER_DETAILS }), now);
}
