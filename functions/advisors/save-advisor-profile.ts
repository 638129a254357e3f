import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { AdvisorType, UkRegion } from "../../generated/prisma/enums.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { ADVISOR_DETAILS, type AdvisorDetails, readableAdvisor } from "./advisor-details.ts";
import { requireAdvisor } from "./require-advisor.ts";

export interface AdvisorProfileFields {
  firmName: string;
  advisorType: AdvisorType;
  amlSupervisor?: string | null | undefined;
  amlRegistrationNumber?: string | null | undefined;
  bio?: string | null | undefined;
  regions: UkRegion[];
}

/** An advisor saves their profile, replacing it whole; the AML registration number is stored encrypted. */
export async function saveAdvisorProfile(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: AdvisorProfileFields,
  request: SignedInRequest,
): Promise<AdvisorDetails> {
  const { caller } = request;
  requireAdvisor(caller);
  const data = {
    firmName: input.firmName,
    advisorType: input.advisorType,
    amlSupervisor: input.amlSupervisor ?? null,
    amlRegistrationNumber: deps.fieldCipher.encryptOptional(
      "advisor_profiles.aml_registration_number",
      input.amlRegistrationNumber,
    ),
    bio: input.bio ?? null,
    regions: input.regions,
    deletedAt: null,
  };
  const profile = await deps.prisma.advisorProfile.upsert({
    where: { userId: caller.id },
    create: { ...data, userId: caller.id },
    update: data,
    include: ADVISOR_DETAILS,
  });
  return readableAdvisor(deps.fieldCipher, profile);
}
saveAdvisorProfile.failures = ["forbidden"] as const;
