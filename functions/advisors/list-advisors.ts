import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { AdvisorType, UkRegion } from "../../generated/prisma/enums.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { ADVISOR_DETAILS, type AdvisorDetails, readableAdvisor } from "./advisor-details.ts";

/** The most advisors one list returns. */
const LIST_LIMIT = 200;

/** The advisor directory, by firm name, for anyone signed in: active advisors only. */
export async function listAdvisors(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  filter: { region?: UkRegion | undefined; advisorType?: AdvisorType | undefined },
  _request: SignedInRequest,
): Promise<AdvisorDetails[]> {
  const profiles = await deps.prisma.advisorProfile.findMany({
    where: {
      deletedAt: null,
      user: { deletedAt: null, status: "ACTIVE" },
      ...(filter.region ? { regions: { has: filter.region } } : {}),
      ...(filter.advisorType ? { advisorType: filter.advisorType } : {}),
    },
    include: ADVISOR_DETAILS,
    orderBy: { firmName: "asc" },
    take: LIST_LIMIT,
  });
  return profiles.map((profile) => readableAdvisor(deps.fieldCipher, profile));
}
listAdvisors.failures = [] as const;
