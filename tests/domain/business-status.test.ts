import { describe, expect, it } from "vitest";
import { allowedTransitions, canTransition } from "../../functions/domain/business-status.ts";
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
