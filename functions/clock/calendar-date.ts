/** The calendar date of `now` (UTC), as offers' and deals' dates are written: YYYY-MM-DD. */
export const calendarDate = (now: Date) => now.toISOString().slice(0, 10);
