import type { PrismaClient } from "../../generated/prisma/client.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { AppError } from "../errors/app-error.ts";
import type { RequestContext } from "../requests/request-context.ts";
import { preferencesOf, saveTopicChoice } from "./notification-preferences.ts";
import type { NotificationTopic } from "./notification-topics.ts";
import { readUnsubscribeToken, type UnsubscribeScope } from "./unsubscribe-token.ts";

/**
 * One-click unsubscribe (RFC 8058) from the link in an e-mail's List-Unsubscribe header, with no
 * sign-in: turns the token's topic off (or, for a digest, every topic the person gets in the
 * digest). Honoured at once and idempotent; a message already queued is not sent.
 */
export async function unsubscribe(
  deps: { prisma: PrismaClient; unsubscribeKey: Buffer },
  input: { token: string },
  request: RequestContext,
): Promise<{ scope: UnsubscribeScope; topicsTurnedOff: NotificationTopic[] }> {
  const reader = readUnsubscribeToken(deps.unsubscribeKey, input.token);
  if (!reader) throw new AppError("token_invalid", "This unsubscribe link is not valid.");
  const { userId, scope } = reader;
  // The audit trail records the change as the person's own.
  const session = { requestId: request.requestId, now: request.receivedAt, userId };
  return runWithDatabaseSession(session, () =>
    deps.prisma.$transaction(async (tx) => {
      const user = await tx.user.findFirst({ where: { id: userId, deletedAt: null }, select: { id: true } });
      if (!user) return { scope, topicsTurnedOff: [] };
      const current = await preferencesOf(tx, userId);
      const topics =
        scope === "DAILY_DIGEST"
          ? current.filter((preference) => preference.delivery === "DAILY_DIGEST").map((preference) => preference.topic)
          : [scope];
      for (const topic of topics) await saveTopicChoice(tx, userId, topic, { delivery: "OFF" }, request.receivedAt);
      return { scope, topicsTurnedOff: topics };
    }),
  );
}
unsubscribe.failures = ["token_invalid"] as const;
