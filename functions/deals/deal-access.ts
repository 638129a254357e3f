import type { Business, Deal, Exclusivity, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

/** Who the caller is to a deal: its buyer, its seller, the listing's advisor (on the seller's side), or an admin. */
export type DealRole = "BUYER" | "SELLER" | "ADVISOR" | "ADMIN";

export type LoadedDeal = Deal & {
  business: Pick<Business, "id" | "title" | "status" | "sellerId"> & { advisor: { userId: string } | null };
  exclusivity: Exclusivity | null;
};

export interface DealAccess {
  deal: LoadedDeal;
  role: DealRole;
}

export const DEAL_INCLUDE = {
  business: { select: { id: true, title: true, status: true, sellerId: true, advisor: { select: { userId: true } } } },
  exclusivity: true,
} as const;

/**
 * A deal is visible to its two parties, the listing's advisor and admins; to anyone else, another
 * buyer on the same listing included, it does not exist (404, as for an id never used).
 */
export async function loadDealFor(prisma: Pick<PrismaClient, "deal">, id: string, caller: Caller): Promise<DealAccess> {
  const deal = await prisma.deal.findUnique({ where: { id }, include: DEAL_INCLUDE });
  if (!deal) throw new AppError("not_found", "No such deal.");
  const role = roleIn(deal, caller);
  if (!role) throw new AppError("not_found", "No such deal.");
  return { deal, role };
}

export function roleIn(
  deal: { buyerId: string; sellerId: string; business: { advisor: { userId: string } | null } },
  caller: Caller,
): DealRole | null {
  if (deal.buyerId === caller.id) return "BUYER";
  if (deal.sellerId === caller.id) return "SELLER";
  if (deal.business.advisor?.userId === caller.id) return "ADVISOR";
  if (caller.role === "ADMIN") return "ADMIN";
  return null;
}

/** The side a role acts for: the advisor acts for the seller; an admin for neither. */
export function sideOf(role: DealRole): "BUYER" | "SELLER" | null {
  if (role === "BUYER") return "BUYER";
  if (role === "SELLER" || role === "ADVISOR") return "SELLER";
  return null;
}
