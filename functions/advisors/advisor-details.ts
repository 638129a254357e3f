import type { AdvisorProfile, Prisma } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";

/** What an advisor profile is shown with: the advisor's name. */
export const ADVISOR_DETAILS = { user: { select: { name: true } } } as const satisfies Prisma.AdvisorProfileInclude;

export type AdvisorDetails = AdvisorProfile & { user: { name: string } };

/** A profile as people read it: the AML registration number decrypted. */
export function readableAdvisor(cipher: FieldCipher, profile: AdvisorDetails): AdvisorDetails {
  return {
    ...profile,
    amlRegistrationNumber: cipher.decryptOptional(
      "advisor_profiles.aml_registration_number",
      profile.amlRegistrationNumber,
    ),
  };
}

/** Whether an advisor can act on a sale: UK business transfer agents must be AML-supervised. */
export function isAmlRegistered(profile: Pick<AdvisorProfile, "amlSupervisor" | "amlRegistrationNumber">): boolean {
  return Boolean(profile.amlSupervisor && profile.amlRegistrationNumber);
}
