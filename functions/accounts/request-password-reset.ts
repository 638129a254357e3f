import type { PrismaClient } from "../../generated/prisma/client.ts";
import { enqueueMessage } from "../outbox/enqueue-message.ts";
import type { RequestContext } from "../requests/request-context.ts";
import { AccountMessageKind } from "./account-emails.ts";
import { reserveAccountEmail } from "./account-throttles.ts";

/**
 * Someone asks to reset the password of an address. The request's path is the same whether or
 * not the address has an account (one message queued); the dispatcher decides after commit: a
 * reset link to an account holder, a note to an address without an account.
 */
export async function requestPasswordReset(
  deps: { prisma: PrismaClient },
  input: { email: string },
  request: RequestContext,
): Promise<void> {
  const { send } = await reserveAccountEmail(deps.prisma, "password-reset", input.email, request);
  if (!send) return;
  await enqueueMessage(
    deps.prisma,
    { kind: AccountMessageKind.passwordReset, to: { email: input.email }, data: { email: input.email } },
    request.receivedAt,
  );
}
requestPasswordReset.failures = ["rate_limited"] as const;
