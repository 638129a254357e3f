import { describe, expect, it } from "vitest";
import {
  ARCHIVABLE_STATUSES,
  allowedTransitions,
  canTransition,
  DEFAULT_SEARCH_STATUSES,
  isPublicStatus,
  PUBLIC_STATUSES,
} from "../../functions/domain/business-status.ts";
import type { BusinessStatus } from "../../generated/prisma/enums.ts";

const STATUSES: BusinessStatus[] = ["DRAFT", "PUBLISHED", "UNDER_OFFER", "SOLD", "ARCHIVED"];

// The listing lifecycle as the product defines it: published from a draft; a sale can fall
// through (under offer back to published); anything not sold can be archived; an archived
// listing can be reworked as a draft; a sold listing is final.
const ALLOWED: Record<BusinessStatus, BusinessStatus[]> = {
  DRAFT: ["PUBLISHED", "ARCHIVED"],
  PUBLISHED: ["UNDER_OFFER", "ARCHIVED"],
  UNDER_OFFER: ["PUBLISHED", "SOLD", "ARCHIVED"],
  SOLD: [],
  ARCHIVED: ["DRAFT"],
};

describe("listing lifecycle", () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

  it.each(pairs)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each(STATUSES)("lists exactly the moves allowed from %s", (from) => {
    expect([...allowedTransitions(from)].sort()).toEqual([...ALLOWED[from]].sort());
  });
});

describe("who sees a listing, and what can be archived", () => {
  it("shows published, under-offer and sold listings to everyone, and searches the ones still for sale", () => {
    expect(STATUSES.filter(isPublicStatus)).toEqual(["PUBLISHED", "UNDER_OFFER", "SOLD"]);
    expect([...PUBLIC_STATUSES]).toEqual(["PUBLISHED", "UNDER_OFFER", "SOLD"]);
    expect([...DEFAULT_SEARCH_STATUSES]).toEqual(["PUBLISHED", "UNDER_OFFER"]);
  });

  it("archives (stale listings included) from every status the lifecycle allows it from", () => {
    expect([...ARCHIVABLE_STATUSES]).toEqual(STATUSES.filter((from) => ALLOWED[from].includes("ARCHIVED")));
    expect([...ARCHIVABLE_STATUSES]).toEqual(["DRAFT", "PUBLISHED", "UNDER_OFFER"]);
  });
});
