import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { UserRole } from "../../generated/prisma/enums.ts";
import { hashPassword } from "../auth/password.ts";
import { enqueueMessage } from "../outbox/enqueue-message.ts";
import type { RequestContext } from "../requests/request-context.ts";
import { AccountMessageKind } from "./account-emails.ts";
import { reserveAccountEmail } from "./account-throttles.ts";

export interface RegistrationRequest {
  email: string;
  password: string;
  name: string;
  role: Exclude<UserRole, "ADMIN">;
}

/** What the outbox carries to the registration preparer (account-message-preparers.ts). */
export interface RegistrationData {
  email: string;
  name: string;
  role: Exclude<UserRole, "ADMIN">;
  passwordHash: string;
}

/**
 * Someone asks for an account. The answer, and the work done on the request's path, are the same
 * whether or not the address already has an account: the password is hashed and one message is
 * queued. The dispatcher then decides, after commit: a new address gets its account (unusable
 * until the address is confirmed) and a confirmation link; a taken one gets a note saying someone
 * tried, with links to log in or reset the password.
 */
export async function requestRegistration(
  deps: { prisma: PrismaClient },
  input: RegistrationRequest,
  request: RequestContext,
): Promise<void> {
  const { send } = await reserveAccountEmail(deps.prisma, "registration", input.email, request);
  const passwordHash = await hashPassword(input.password);
  if (!send) return;
  const data: RegistrationData = { email: input.email, name: input.name, role: input.role, passwordHash };
  await enqueueMessage(
    deps.prisma,
    { kind: AccountMessageKind.registration, to: { email: input.email }, data: { ...data } },
    request.receivedAt,
  );
}
requestRegistration.failures = ["rate_limited"] as const;
