import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { classifyDatabaseError } from "../db/database-errors.ts";
import { dealActionRefusal, dealStatusAfter } from "../domain/deal-status.ts";
import { exclusivityEnd } from "../domain/exclusivity-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { lockListing } from "../listings/lock-listing.ts";
import { exclusivityElsewhere, exclusivityStarted, headsOfTermsSigned } from "../notifications/deal-notifications.ts";
import { notify } from "../notifications/notify.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealFor } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { moveListingWithDeal } from "./listing-follows-deal.ts";
import { readDealDetails } from "./read-deal-details.ts";
import { recordSignature } from "./record-signature.ts";
import { HEADS_OF_TERMS_CONSENT } from "./signature-consent.ts";

/**
 * The buyer or the seller signs the heads of terms: the name they typed, their consent, the
 * SHA-256 of the document they read (it must be the stored one), the time, their address and
 * browser. With the second signature exclusivity starts: the listing goes under offer, every
 * other live offer stays on hold and its buyer is told, without names, that the seller has
 * entered exclusivity with another party.
 */
export async function signHeadsOfTerms(
  deps: { prisma: PrismaClient; fieldCipher: FieldCipher },
  input: { dealId: string; fullName: string; documentSha256: string },
  request: SignedInRequest,
): Promise<DealDetails> {
  const { prisma, fieldCipher } = deps;
  const now = request.receivedAt;
  const { deal, role } = await loadDealFor(prisma, input.dealId, request.caller);
  if (role !== "BUYER" && role !== "SELLER") {
    throw new AppError("forbidden", "Only the buyer and the seller sign the heads of terms.");
  }
  const refused = dealActionRefusal(deal.status, "SIGN_HEADS_OF_TERMS", role);
  if (refused) throw new AppError("invalid_transition", refused);
  if (input.documentSha256 !== deal.headsOfTermsSha256) {
    const message = "is not the SHA-256 of these heads of terms: download them again and sign what you read";
    throw new AppError("validation_failed", `documentSha256: ${message}`, {
      fields: [{ field: "documentSha256", message }],
    });
  }
  try {
    return await prisma.$transaction(async (tx) => {
      await lockListing(tx, deal.businessId);
      const current = await tx.deal.findUniqueOrThrow({ where: { id: deal.id } });
      const stillRefused = dealActionRefusal(current.status, "SIGN_HEADS_OF_TERMS", role);
      if (stillRefused) throw new AppError("invalid_transition", stillRefused);
      await recordSignature(
        tx,
        fieldCipher,
        {
          dealId: deal.id,
          party: role,
          purpose: "HEADS_OF_TERMS",
          fullName: input.fullName,
          consentText: HEADS_OF_TERMS_CONSENT,
          documentSha256: input.documentSha256,
        },
        request,
      );
      const parties = await tx.dealSignature.findMany({
        where: { dealId: deal.id, purpose: "HEADS_OF_TERMS" },
        select: { party: true },
      });
      const signed = {
        buyer: parties.some((p) => p.party === "BUYER"),
        seller: parties.some((p) => p.party === "SELLER"),
      };
      const next = dealStatusAfter(current.status, "SIGN_HEADS_OF_TERMS", signed);
      if (next === "EXCLUSIVE") {
        const endsAt = exclusivityEnd(now, deal.exclusivityDays);
        await tx.exclusivity.create({ data: { dealId: deal.id, businessId: deal.businessId, startsAt: now, endsAt } });
        await tx.deal.update({ where: { id: deal.id }, data: { status: next, updatedAt: now } });
        await moveListingWithDeal(tx, deal.businessId, next, now);
        const onHold = await tx.$queryRaw<{ offer_id: string; buyer_id: string }[]>`
          SELECT offer_id::text, buyer_id::text FROM freeze_other_offers(${deal.businessId}::uuid, ${deal.offerId}::uuid, ${now})`;
        await notify(
          tx,
          [
            ...exclusivityStarted(deal, endsAt),
            ...onHold.flatMap((held) =>
              exclusivityElsewhere({ id: held.offer_id, buyerId: held.buyer_id }, now, deal.business.title),
            ),
          ],
          now,
        );
      } else {
        await notify(tx, headsOfTermsSigned(deal, role), now);
      }
      return readDealDetails(tx, deal);
    });
  } catch (error) {
    // deal_signatures_deal_id_purpose_party_key: a party signs once (a double click included).
    if (classifyDatabaseError(error) === "unique_violation") {
      throw new AppError("invalid_transition", "You have signed these heads of terms already.");
    }
    throw error;
  }
}
signHeadsOfTerms.failures = ["not_found", "forbidden", "invalid_transition", "validation_failed"] as const;
