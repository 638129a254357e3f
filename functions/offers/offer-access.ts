import type { Business, Offer, PrismaClient } from "../../generated/prisma/client.ts";
import type { OfferSide } from "../domain/offer-status.ts";
import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

export interface OfferAccess {
  offer: Offer & { business: Business & { advisor: { userId: string } | null } };
  /** The caller's side of the negotiation, or null for an admin, who may read but not answer. */
  side: OfferSide | null;
}

/**
 * An offer is visible to its buyer, the listing's seller and advisor (the seller's side), and
 * admins. To anyone else, another buyer included, it does not exist: 404, the same answer as for
 * an id that was never used, so nobody learns that other offers exist (bidder isolation).
 * Row-level security on `offers` says the same in the database.
 */
export async function loadOfferFor(prisma: PrismaClient, id: string, caller: Caller): Promise<OfferAccess> {
  const offer = await prisma.offer.findFirst({
    where: { id, business: { deletedAt: null } },
    include: { business: { include: { advisor: { select: { userId: true } } } } },
  });
  if (!offer) throw new AppError("not_found", "No such offer.");
  const side = sideOf(offer, caller);
  if (side === undefined) throw new AppError("not_found", "No such offer.");
  return { offer, side };
}

/** Which side of the offer the caller is on: undefined when they have no business seeing it. */
export function sideOf(
  offer: { buyerId: string; business: { sellerId: string; advisor: { userId: string } | null } },
  caller: Caller,
): OfferSide | null | undefined {
  if (offer.buyerId === caller.id) return "BUYER";
  if (offer.business.sellerId === caller.id || offer.business.advisor?.userId === caller.id) return "SELLER";
  if (caller.role === "ADMIN") return null;
  return undefined;
}
