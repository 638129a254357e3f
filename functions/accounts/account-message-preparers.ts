import type { Prisma } from "../../generated/prisma/client.ts";
import { issueEmailToken } from "../auth/email-tokens.ts";
import type { MessagePreparer } from "../outbox/dispatch-outbox.ts";
import { AccountEmail, AccountMessageKind } from "./account-emails.ts";
import type { RegistrationData } from "./request-registration.ts";

const liveUserWithEmail = (tx: Prisma.TransactionClient, email: string) =>
  tx.user.findFirst({ where: { email, deletedAt: null }, select: { id: true } });

/**
 * The account e-mails decided at delivery, off the request's path (request-registration.ts,
 * request-password-reset.ts): whether the address has an account changes what is written and
 * sent, never what the request did or how long it took.
 */
export function accountMessagePreparers(appUrl: string): Record<string, MessagePreparer> {
  return {
    [AccountMessageKind.registration]: async (tx, data, now) => {
      const registration = data as RegistrationData;
      const existing = await liveUserWithEmail(tx, registration.email);
      if (existing) {
        return { to: { email: registration.email, userId: existing.id }, ...AccountEmail.registrationAttempt(appUrl) };
      }
      const user = await tx.user.create({
        data: {
          email: registration.email,
          name: registration.name,
          role: registration.role,
          passwordHash: registration.passwordHash,
          createdAt: now,
        },
        select: { id: true, email: true, name: true },
      });
      const token = await issueEmailToken(tx, user.id, "EMAIL_VERIFICATION", now);
      return { to: { email: user.email, userId: user.id }, ...AccountEmail.verifyAddress(appUrl, user.name, token) };
    },
    [AccountMessageKind.passwordReset]: async (tx, data, now) => {
      const { email } = data as { email: string };
      const user = await liveUserWithEmail(tx, email);
      if (!user) return { to: { email }, ...AccountEmail.resetWithoutAccount() };
      const token = await issueEmailToken(tx, user.id, "PASSWORD_RESET", now);
      return { to: { email, userId: user.id }, ...AccountEmail.resetPassword(appUrl, token) };
    },
  };
}
