import { MAX_EXCLUSIVITY_DAYS } from "./offer-terms-rules.ts";

/**
 * Exclusivity (a lock-out) on a listing once both sides have signed the heads of terms (issue
 * 28; ../shared/notes/deal-workflow.md: a dated lock-out is the binding part of UK heads of
 * terms). It runs for the agreed days from the second signature; both sides may agree one
 * extension; the seller may end it early only with a reason (a missed milestone); the buyer may
 * withdraw at any time. Both sides are reminded 14, 7 and 1 day before it ends.
 */
export interface Exclusivity {
  startedAt: Date;
  endsAt: Date;
  /** Whether the one extension has been used. */
  extended: boolean;
  /** When it was ended early or released; null while it runs. */
  endedAt: Date | null;
}

const DAY_MS = 86_400_000;
export const EXCLUSIVITY_REMINDER_DAYS = [14, 7, 1] as const;

/** When an exclusivity of `days` that starts at `startedAt` ends. */
export function exclusivityEnd(startedAt: Date, days: number): Date {
  return new Date(startedAt.getTime() + days * DAY_MS);
}

/** Whether it binds the seller at `now`: started, not ended, not yet at its end. */
export function isInForce(exclusivity: Exclusivity, now: Date): boolean {
  return (
    exclusivity.endedAt === null &&
    exclusivity.startedAt.getTime() <= now.getTime() &&
    now.getTime() < exclusivity.endsAt.getTime()
  );
}

/** Why the sides may not extend it by `days` at `now`, or null when they may. */
export function extensionRefusal(exclusivity: Exclusivity, days: number, now: Date): string | null {
  if (!isInForce(exclusivity, now)) return "Exclusivity is no longer in force, so it cannot be extended.";
  if (exclusivity.extended) return "Exclusivity can be extended once, and it has been.";
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXCLUSIVITY_DAYS) {
    return `An extension is 1 to ${MAX_EXCLUSIVITY_DAYS} days.`;
  }
  return null;
}

/** Why `side` may not end it early at `now` with `reason`, or null when it may. */
export function earlyEndRefusal(
  exclusivity: Exclusivity,
  side: "BUYER" | "SELLER",
  reason: string | undefined,
  now: Date,
): string | null {
  if (!isInForce(exclusivity, now)) return "Exclusivity is no longer in force.";
  if (side === "SELLER" && !reason?.trim()) {
    return "The seller can end exclusivity early only with a reason, such as a missed milestone.";
  }
  return null;
}

/**
 * The reminder to send at `now` (days before the end), or null. Only the nearest reminder that is
 * due and not yet sent: one first noticed late (the job did not run for a while) sends the
 * latest that applies, not a burst of stale ones.
 */
export function reminderDue(exclusivity: Exclusivity, sent: readonly number[], now: Date): number | null {
  if (!isInForce(exclusivity, now)) return null;
  const due = EXCLUSIVITY_REMINDER_DAYS.filter((days) => now.getTime() >= exclusivity.endsAt.getTime() - days * DAY_MS);
  const nearest = due.at(-1);
  return nearest === undefined || sent.includes(nearest) ? null : nearest;
}
