/**
 * Where every decision that depends on the time gets "now": token and session expiry, login
 * and reset throttles, deal-room access expiry, retention cut-offs, idempotency windows.
 * Entry points (the API, the CLI commands, the scheduled functions) pass the system clock;
 * tests pass a fixed one, so nothing they assert depends on the day they run.
 *
 * Timestamps that only record when something happened (created_at, updated_at) may still come
 * from the database's now(); a comparison that decides something never does.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `at`; `advance` moves it, for tests of windows and expiries. */
export function fixedClock(at: Date | string): Clock & { advance(ms: number): void; set(to: Date | string): void } {
  let current = new Date(at).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (to) => {
      current = new Date(to).getTime();
    },
  };
}

/** `now` moved by `ms` (negative for the past). */
export const shifted = (now: Date, ms: number) => new Date(now.getTime() + ms);
