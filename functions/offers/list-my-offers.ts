import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { OFFER_DETAILS, type OfferDetails, toOfferDetails } from "./offer-details.ts";

/** The offers the caller has made as a buyer, newest first (at most 100: a buyer has a few). */
export async function listMyOffers(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<OfferDetails[]> {
  const offers = await deps.prisma.offer.findMany({
    where: { buyerId: request.caller.id, business: { deletedAt: null } },
    include: OFFER_DETAILS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return offers.map((offer) => toOfferDetails(offer, request.receivedAt));
}
listMyOffers.failures = [] as const;
