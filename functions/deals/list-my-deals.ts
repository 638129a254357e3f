import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { DEAL_INCLUDE } from "./deal-access.ts";
import { type DealDetails, toDealDetails } from "./deal-details.ts";

/** The deals the caller is party to (buyer or seller) or advises on, newest first (at most 100). */
export async function listMyDeals(
  deps: { prisma: PrismaClient },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<DealDetails[]> {
  const me = request.caller.id;
  const deals = await deps.prisma.deal.findMany({
    where: { OR: [{ buyerId: me }, { sellerId: me }, { business: { advisor: { userId: me } } }] },
    include: {
      ...DEAL_INCLUDE,
      signatures: { orderBy: { signedAt: "asc" } },
      offerVersion: { select: { number: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return deals.map((deal) => toDealDetails(deal, deal.offerVersion.number, deal.signatures));
}
listMyDeals.failures = [] as const;
