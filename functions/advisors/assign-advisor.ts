import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import { loadBusinessForOwner } from "../listings/listing-access.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { isAmlRegistered } from "./advisor-details.ts";

/**
 * The listing's seller (or an admin) attaches an advisor to it, or detaches one (null). The
 * advisor must be AML-registered: acting as a business transfer agent unregistered is an offence.
 */
export async function assignAdvisor(
  deps: { prisma: PrismaClient },
  input: { businessId: string; advisorProfileId: string | null },
  request: SignedInRequest,
): Promise<void> {
  const { prisma } = deps;
  const business = await loadBusinessForOwner(prisma, input.businessId, request.caller);
  const { advisorProfileId } = input;
  if (advisorProfileId) {
    const advisor = await prisma.advisorProfile.findFirst({
      where: { id: advisorProfileId, deletedAt: null, user: { deletedAt: null, status: "ACTIVE" } },
    });
    if (!advisor) throw new AppError("not_found", "No such advisor.");
    if (!isAmlRegistered(advisor)) {
      throw new AppError("conflict", "This advisor has no AML registration on record, so cannot act on a sale.");
    }
  }
  await prisma.business.update({
    where: { id: business.id },
    data: { advisorId: advisorProfileId, lastActivityAt: request.receivedAt },
  });
}
assignAdvisor.failures = ["not_found", "forbidden", "conflict"] as const;
