import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealFor } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { readDealDetails } from "./read-deal-details.ts";

/** A deal, its heads of terms and signatures, exclusivity and completion: to its parties, the advisor and admins. */
export async function getDeal(
  deps: { prisma: PrismaClient },
  input: { dealId: string },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { deal } = await loadDealFor(deps.prisma, input.dealId, request.caller);
  return readDealDetails(deps.prisma, deal);
}
getDeal.failures = ["not_found"] as const;
