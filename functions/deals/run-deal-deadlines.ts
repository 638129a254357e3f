import type { PrismaClient } from "../../generated/prisma/client.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { expireOffers } from "./expire-offers.ts";
import { releaseExclusivities } from "./release-exclusivities.ts";
import { remindExclusivityEnding } from "./remind-exclusivity-ending.ts";

/**
 * What happens to deals by the clock: offers past their open-until time expire, exclusivity at its
 * end is released, and both sides are reminded before it ends. Called every minute by the outbox
 * dispatcher (`npm start`) and by its scheduled function in the cloud; safe to run at any time,
 * twice at once included. A system session: it acts on every listing's offers, for no one user.
 */
export async function runDealDeadlines(
  deps: { prisma: PrismaClient },
  now: Date,
): Promise<{ expired: number; released: number; reminded: number }> {
  return runWithDatabaseSession({ system: true, now }, async () => {
    // Releases first: offers on hold that are past their time then expire in the same run.
    const { released } = await releaseExclusivities(deps, now);
    const { expired } = await expireOffers(deps, now);
    const { reminded } = await remindExclusivityEnding(deps, now);
    return { expired, released, reminded };
  });
}
