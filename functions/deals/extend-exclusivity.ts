import type { Exclusivity, PrismaClient } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { exclusivityEnd, extensionRefusal } from "../domain/exclusivity-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { exclusivityExtended, extensionProposed } from "../notifications/deal-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealFor } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { readDealDetails } from "./read-deal-details.ts";
import { recordSignature } from "./record-signature.ts";
import { EXTENSION_CONSENT, extensionStatement } from "./signature-consent.ts";

/**
 * Both sides agree one extension of exclusivity by signing again. The first to sign proposes the
 * days; the other signs the same days and the end moves. Each signature records the SHA-256 of
 * the extension statement (which heads of terms, from which end, by how many days). Of two
 * signatures at the same moment, one proposes and the other agrees, or is refused.
 */
export async function extendExclusivity(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { dealId: string; days: number; fullName: string },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { prisma, fieldCipher } = deps;
  const now = request.receivedAt;
  const { deal, role } = await loadDealFor(prisma, input.dealId, request.caller);
  if (role !== "BUYER" && role !== "SELLER") {
    throw new AppError("forbidden", "Only the buyer and the seller sign an extension.");
  }
  const refusalFor = (exclusivity: Exclusivity | null) =>
    exclusivity
      ? extensionRefusal(
          {
            startedAt: exclusivity.startsAt,
            endsAt: exclusivity.endsAt,
            extended: exclusivity.extendedAt !== null,
            endedAt: exclusivity.endedAt,
          },
          input.days,
          now,
        )
      : "Exclusivity has not started, so it cannot be extended.";
  const refused = refusalFor(deal.exclusivity);
  if (refused) throw new AppError("invalid_transition", refused);

  return prisma.$transaction(async (tx) => {
    await lockListing(tx, deal.businessId);
    const exclusivity = await tx.exclusivity.findUnique({ where: { dealId: deal.id } });
    const stillRefused = refusalFor(exclusivity);
    if (stillRefused || !exclusivity) throw new AppError("invalid_transition", stillRefused ?? "No exclusivity.");
    const proposed = exclusivity.extensionDays;
    if (proposed !== null && exclusivity.extensionProposedBy === role) {
      throw new AppError(
        "invalid_transition",
        `You proposed ${proposed} days already; the other side has not signed yet.`,
      );
    }
    if (proposed !== null && proposed !== input.days) {
      throw new AppError(
        "conflict",
        `The other side proposed an extension of ${proposed} days: sign ${proposed} days, or agree another with them first.`,
      );
    }
    const statement = extensionStatement(deal, exclusivity.endsAt, input.days);
    await recordSignature(
      tx,
      fieldCipher,
      {
        dealId: deal.id,
        party: role,
        purpose: "EXCLUSIVITY_EXTENSION",
        fullName: input.fullName,
        consentText: `${EXTENSION_CONSENT} ${statement.text}`,
        documentSha256: statement.sha256,
      },
      request,
    );
    if (proposed === null) {
      await tx.exclusivity.update({
        where: { id: exclusivity.id },
        data: { extensionDays: input.days, extensionProposedBy: role, updatedAt: now },
      });
      await notify(tx, extensionProposed(deal, role, input.days), now);
    } else {
      const endsAt = exclusivityEnd(exclusivity.endsAt, input.days);
      // The reminders count down to the new end.
      await tx.exclusivity.update({
        where: { id: exclusivity.id },
        data: { endsAt, extendedAt: now, lastReminderDays: null, updatedAt: now },
      });
      await notify(tx, exclusivityExtended(deal, endsAt), now);
    }
    return readDealDetails(tx, deal);
  });
}
extendExclusivity.failures = ["not_found", "forbidden", "invalid_transition", "conflict"] as const;
