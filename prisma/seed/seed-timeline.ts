const DAY_MS = 86_400_000;

/**
 * When the seeded story happens, relative to the day it is seeded: accounts open 90 days before
 * (09:00 UTC), listings, inquiries and deal rooms follow over the next weeks, and the financial
 * years are the three latest that have ended. Every time is a whole offset from the start of
 * the UTC day, so seeding on the same day gives the same data on every machine; and the data
 * never ages out of the rules it illustrates (a year of inactivity, six years of financials).
 */
export interface SeedTimeline {
  seededAt: Date;
  daysAfterSeed(days: number): Date;
  /** Financial year ends (31 March), oldest first. */
  financialYearEnds: Date[];
}

export function seedTimeline(now: Date): SeedTimeline {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const seededAt = new Date(today - 90 * DAY_MS + 9 * 60 * 60 * 1000);
  // The latest 31 March year end whose accounts are due by now: a UK company files them within
  // nine months of the year end.
  const nineMonthsAgo = new Date(today);
  nineMonthsAgo.setUTCMonth(nineMonthsAgo.getUTCMonth() - 9);
  const yearOf = nineMonthsAgo.getUTCFullYear();
  const latestYear = nineMonthsAgo >= new Date(Date.UTC(yearOf, 2, 31)) ? yearOf : yearOf - 1;
  return {
    seededAt,
    daysAfterSeed: (days) => new Date(seededAt.getTime() + days * DAY_MS),
    financialYearEnds: [latestYear - 2, latestYear - 1, latestYear].map((year) => new Date(Date.UTC(year, 2, 31))),
  };
}
