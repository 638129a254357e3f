import type { EventHandler } from "../events/dispatch-events.ts";
import type { EventKind } from "../events/enqueue-event.ts";
import { recomputeListingMatches } from "../matching/recompute-listing-matches.ts";
import { recomputeProfileMatches } from "../matching/recompute-profile-matches.ts";
import { notifyNewListingMatches } from "../notifications/match-notifications.ts";
import { alertSavedSearches } from "../saved-searches/alert-saved-searches.ts";

/** What happens after commit, per kind of event (functions/events/). */
export const EVENT_HANDLERS: Record<EventKind, EventHandler> = {
  // Published, edited, sold, archived, taken down or deleted: its matches follow, buyers it newly
  // matches well enough hear of it, and so do buyers whose saved searches it now matches, in the
  // same transaction (a retry notifies nobody twice).
  "listing.changed": (prisma, businessId, now) =>
    prisma.$transaction(
      async (tx) => {
        const stored = await recomputeListingMatches(tx, businessId, now);
        const profiles = stored.newMatches.map((match) => match.buyerProfileId);
        await notifyNewListingMatches(tx, businessId, profiles, now);
        await alertSavedSearches(tx, businessId, now);
        return stored;
      },
      { timeout: 60_000 },
    ),
  // Saved or deleted.
  "buyer-profile.changed": (prisma, profileId, now) => recomputeProfileMatches(prisma, profileId, now),
  // Suspended, reinstated or closed: every profile of theirs (one at most today).
  "buyer.changed": async (prisma, userId, now) => {
    const profiles = await prisma.buyerProfile.findMany({
      where: { userId, deletedAt: undefined },
      select: { id: true },
    });
    for (const profile of profiles) await recomputeProfileMatches(prisma, profile.id, now);
  },
};
