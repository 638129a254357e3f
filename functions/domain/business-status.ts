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

/**
 * The statuses anyone may see, in search and by id; drafts and archived listings are private to
 * the people running them.
 */
export const PUBLIC_STATUSES = ["PUBLISHED", "UNDER_OFFER", "SOLD"] as const satisfies readonly BusinessStatus[];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** What a search shows when it names no status: listings still for sale. */
export const DEFAULT_SEARCH_STATUSES: readonly PublicStatus[] = ["PUBLISHED", "UNDER_OFFER"];

export function isPublicStatus(status: BusinessStatus): status is PublicStatus {
  return (PUBLIC_STATUSES as readonly BusinessStatus[]).includes(status);
}

/** The statuses a listing can be archived from (by its seller, or by retention when it goes stale). */
export const ARCHIVABLE_STATUSES: readonly BusinessStatus[] = (Object.keys(TRANSITIONS) as BusinessStatus[]).filter(
  (status) => canTransition(status, "ARCHIVED"),
);
