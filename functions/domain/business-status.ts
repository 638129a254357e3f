import type { BusinessStatus } from "../../generated/prisma/enums.ts";

/**
 * The listing lifecycle. A sale can fall through (under offer -> published); an archived
 * listing can be reworked as a draft; a sold listing is final.
 */
const TRANSITIONS: Record<BusinessStatus, readonly BusinessStatus[]> = {
  DRAFT: ["PUBLISHED", "ARCHIVED"],
  PUBLISHED: ["UNDER_OFFER", "ARCHIVED"],
  UNDER_OFFER: ["PUBLISHED", "SOLD", "ARCHIVED"],
  SOLD: [],
  ARCHIVED: ["DRAFT"],
};

export function canTransition(from: BusinessStatus, to: BusinessStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: BusinessStatus): readonly BusinessStatus[] {
  return TRANSITIONS[from];
}
