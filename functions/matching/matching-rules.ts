import type { BusinessStatus } from "../../generated/prisma/enums.ts";

/**
 * How a buyer's criteria score a listing, out of 100. Each criterion has its points; one the
 * buyer left open counts in full (any listing satisfies it), so stating a criterion, narrowing a
 * range or adding a bound can only lower a score, never raise it. Figures a seller did not
 * disclose earn half ("not disclosed"), never what a zero would.
 */
export const CRITERION_POINTS = {
  sector: 35,
  region: 20,
  price: 20,
  revenue: 10,
  profit: 10,
  funding: 5,
} as const;

/** Sector points by the SIC 2007 level at which the listing falls inside a wanted code. */
export const SECTOR_POINTS_BY_DIGITS: Record<2 | 3 | 4 | 5, number> = { 5: 35, 4: 30, 3: 25, 2: 20 };

/**
 * Graded criteria lose their points gradually: asking price over the budget reaches 0 at 25%
 * over, under the minimum at 50% under; turnover and profit below the minimum at 50% below.
 */
export const PRICE_OVER_BUDGET_TO_ZERO = 0.25;
export const SHORTFALL_TO_ZERO = 0.5;

/** Funding says how ready a buyer is, not what they want: verified proof of funds earns all. */
export const FUNDING_POINTS = { verified: 5, stated: 3, notStated: 3 } as const;

/**
 * A match is kept (shown to the buyer and the seller) from this score up: above what a listing in
 * the wrong sector can reach (65), so every match is at least in a sector the buyer wants.
 */
export const MIN_MATCH_SCORE = 70;

/** Listings that can be matched: those still for sale. Sold, archived or taken down: none. */
export const MATCHABLE_STATUSES: readonly BusinessStatus[] = ["PUBLISHED", "UNDER_OFFER"];
