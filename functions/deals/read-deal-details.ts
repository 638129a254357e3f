import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { DEAL_INCLUDE, type LoadedDeal } from "./deal-access.ts";
import { type DealDetails, toDealDetails } from "./deal-details.ts";

type Reader = Pick<PrismaClient | Prisma.TransactionClient, "deal" | "dealSignature" | "offerVersion">;

/** The deal as the API shows it, read afresh (inside a transaction: as it will commit). */
export async function readDealDetails(
  prisma: Reader,
  deal: Pick<LoadedDeal, "id" | "offerVersionId">,
): Promise<DealDetails> {
  const [fresh, signatures, version] = await Promise.all([
    prisma.deal.findUniqueOrThrow({ where: { id: deal.id }, include: DEAL_INCLUDE }),
    prisma.dealSignature.findMany({ where: { dealId: deal.id }, orderBy: { signedAt: "asc" } }),
    prisma.offerVersion.findUniqueOrThrow({ where: { id: deal.offerVersionId }, select: { number: true } }),
  ]);
  return toDealDetails(fresh, version.number, signatures);
}
