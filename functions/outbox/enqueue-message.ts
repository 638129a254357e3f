import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client.ts";

export interface MessageRecipient {
  email: string;
  userId?: string | null | undefined;
}

/** A message whose content is known now. */
export interface ReadyMessage {
  kind: string;
  to: MessageRecipient;
  subject: string;
  body: string;
}

/**
 * A message whose content the dispatcher decides at delivery, from `data`, with the preparer
 * registered for its kind (dispatch-outbox.ts): for what must not be decided on the request path.
 */
export interface DeferredMessage {
  kind: string;
  to: MessageRecipient;
  data: Prisma.InputJsonValue;
}

/**
 * Queues a message in the caller's transaction: it is sent if and only if the change that caused
 * it commits, and never on the request's path (the dispatcher delivers it after commit).
 */
export async function enqueueMessage(
  tx: Pick<Prisma.TransactionClient, "outboxMessage">,
  message: ReadyMessage | DeferredMessage,
  now: Date,
): Promise<{ id: string }> {
  const id = randomUUID();
  return tx.outboxMessage.create({
    data: {
      id,
      kind: message.kind,
      idempotencyKey: `outbox:${id}`,
      recipientUserId: message.to.userId ?? null,
      recipientEmail: message.to.email,
      ...("data" in message ? { data: message.data } : { subject: message.subject, body: message.body }),
      nextAttemptAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
}
