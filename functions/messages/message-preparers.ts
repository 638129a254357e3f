import { accountMessagePreparers } from "../accounts/account-message-preparers.ts";
import type { MessagePreparer } from "../outbox/dispatch-outbox.ts";

/** Every kind of message decided at delivery, and what prepares it (functions/outbox/). */
export function messagePreparers(config: { appUrl: string }): Record<string, MessagePreparer> {
  return { ...accountMessagePreparers(config.appUrl) };
}
