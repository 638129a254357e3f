import type { BuyerDueDiligence, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadUser } from "./load-user.ts";

export interface DueDiligenceInput {
  identityMethod: BuyerDueDiligence["identityMethod"];
  identityCheckedAt: Date;
  sourceOfFunds: string;
  riskRating: BuyerDueDiligence["riskRating"];
}

/**
 * An admin records the customer due diligence on a buyer (Money Laundering Regulations 2017):
 * how and when their identity was checked, the evidence of their source of funds, the risk. One
 * record per buyer, replaced when it is renewed; every version stays in the audit trail.
 * Acceptance of the buyer's offers waits for a current one (domain/buyer-due-diligence-rules.ts).
 */
export async function recordBuyerDueDiligence(
  deps: { prisma: PrismaClient },
  input: { userId: string; record: DueDiligenceInput },
  request: SignedInRequest,
): Promise<BuyerDueDiligence> {
  const { prisma } = deps;
  const user = await loadUser(prisma, input.userId);
  if (user.role !== "BUYER") throw new AppError("bad_request", "Due diligence is recorded on buyers.");
  const { record } = input;
  if (record.identityCheckedAt.getTime() > request.receivedAt.getTime()) {
    throw new AppError("validation_failed", "identityCheckedAt: cannot be in the future", {
      fields: [{ field: "identityCheckedAt", message: "cannot be in the future" }],
    });
  }
  const data = { ...record, sourceOfFunds: record.sourceOfFunds.trim(), recordedById: request.caller.id };
  return prisma.buyerDueDiligence.upsert({
    where: { buyerId: user.id },
    create: { buyerId: user.id, ...data, createdAt: request.receivedAt },
    update: data,
  });
}
recordBuyerDueDiligence.failures = ["not_found", "bad_request", "validation_failed"] as const;
