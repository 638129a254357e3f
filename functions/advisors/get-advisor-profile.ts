import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { ADVISOR_DETAILS, type AdvisorDetails, readableAdvisor } from "./advisor-details.ts";
import { requireAdvisor } from "./require-advisor.ts";

/** An advisor's own profile. */
export async function getAdvisorProfile(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  _input: Record<string, never>,
  request: SignedInRequest,
): Promise<AdvisorDetails> {
  requireAdvisor(request.caller);
  const profile = await deps.prisma.advisorProfile.findFirst({
    where: { userId: request.caller.id, deletedAt: null },
    include: ADVISOR_DETAILS,
  });
  if (!profile) throw new AppError("not_found", "No advisor profile yet; save one with PUT /me/advisor-profile.");
  return readableAdvisor(deps.fieldCipher, profile);
}
getAdvisorProfile.failures = ["forbidden", "not_found"] as const;
