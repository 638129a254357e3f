import type { PrismaClient } from "../../generated/prisma/client.ts";
import { EXCLUSIVITY_REMINDER_DAYS, reminderDue } from "../domain/exclusivity-rules.ts";
import { exclusivityEnding } from "../notifications/deal-notifications.ts";
import { notify } from "../notifications/notify.ts";
import { DEAL_INCLUDE } from "./deal-access.ts";

const DAY_MS = 86_400_000;
const FIRST_REMINDER_DAYS = Math.max(...EXCLUSIVITY_REMINDER_DAYS);

/**
 * Reminds both sides (and the advisor) 14, 7 and 1 day before exclusivity ends, each once; one
 * noticed late sends the nearest that applies, not a burst (domain/exclusivity-rules.ts). The
 * reminder sent is recorded on the exclusivity, conditionally, so two runs at once send it once.
 * Run it in a system session.
 */
export async function remindExclusivityEnding(
  deps: { prisma: PrismaClient },
  now: Date,
): Promise<{ reminded: number }> {
  const running = await deps.prisma.exclusivity.findMany({
    where: {
      endedAt: null,
      endsAt: { gt: now, lte: new Date(now.getTime() + FIRST_REMINDER_DAYS * DAY_MS) },
      deal: { status: "EXCLUSIVE" },
    },
    include: { deal: { include: DEAL_INCLUDE } },
  });
  let reminded = 0;
  for (const exclusivity of running) {
    const last = exclusivity.lastReminderDays;
    const sent = last === null ? [] : EXCLUSIVITY_REMINDER_DAYS.filter((days) => days >= last);
    const days = reminderDue(
      {
        startedAt: exclusivity.startsAt,
        endsAt: exclusivity.endsAt,
        extended: exclusivity.extendedAt !== null,
        endedAt: null,
      },
      sent,
      now,
    );
    if (days === null) continue;
    await deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.exclusivity.updateMany({
        where: { id: exclusivity.id, lastReminderDays: last, endedAt: null },
        data: { lastReminderDays: days, updatedAt: now },
      });
      if (count === 0) return;
      await notify(tx, exclusivityEnding(exclusivity.deal, days, exclusivity.endsAt), now);
      reminded += 1;
    });
  }
  return { reminded };
}
