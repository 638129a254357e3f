import type { PrismaClient } from "../../generated/prisma/client.ts";
import { type OfferAction, type OfferSide, offerActionRefusal } from "../domain/offer-status.ts";
import { AppError, type ErrorCode } from "../errors/app-error.ts";
import { expectedVersion } from "../listings/expected-version.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadOfferFor, type OfferAccess } from "./offer-access.ts";

const REFUSAL_CODES: Record<NonNullable<ReturnType<typeof offerActionRefusal>>["reason"], ErrorCode> = {
  ended: "offer_ended",
  frozen: "offer_frozen",
  not_your_turn: "not_your_turn",
  buyer_only: "forbidden",
};

/**
 * The offer `action` is about to answer, once the caller may: they are on one of its sides, they
 * answer the version they read (If-Match: its number; 428 without, 412 when stale), and the
 * offer's state lets their side do it now (domain/offer-status.ts).
 */
export async function loadAnswerableOffer(
  prisma: PrismaClient,
  input: { offerId: string; ifMatch: string | undefined },
  action: OfferAction,
  request: SignedInRequest,
): Promise<OfferAccess & { side: OfferSide }> {
  const access = await loadOfferFor(prisma, input.offerId, request.caller);
  const { offer, side } = access;
  if (side === null) throw new AppError("forbidden", "Admins can read offers but not answer them.");
  const version = expectedVersion(input.ifMatch);
  if (version !== offer.latestVersion) {
    throw new AppError("version_conflict", `The offer is at version ${offer.latestVersion}; read it again.`, {
      headers: { ETag: `"${offer.latestVersion}"` },
    });
  }
  const refusal = offerActionRefusal(
    { status: offer.status, openUntil: offer.openUntil, frozen: offer.frozenAt !== null },
    action,
    side,
    request.receivedAt,
  );
  if (refusal) throw new AppError(REFUSAL_CODES[refusal.reason], refusal.message);
  return { ...access, side };
}

/**
 * The conditions an answer's update is made on: the offer is still as it was read. Of two
 * answers at the same moment (an acceptance and a withdrawal, two counters), one matches and
 * the other changes nothing and is told so.
 */
export function unchangedSince(offer: OfferAccess["offer"]) {
  return { id: offer.id, latestVersion: offer.latestVersion, status: offer.status, frozenAt: offer.frozenAt };
}

/**
 * What to tell the side that lost a race: the offer as it now stands refuses the action (ended,
 * on hold, no longer their turn), or, when it would still allow it, it moved to a new version.
 */
export async function changedMeanwhile(
  tx: Pick<PrismaClient, "offer">,
  offerId: string,
  action: OfferAction,
  side: OfferSide,
  now: Date,
): Promise<AppError> {
  const offer = await tx.offer.findUniqueOrThrow({ where: { id: offerId } });
  const refusal = offerActionRefusal(
    { status: offer.status, openUntil: offer.openUntil, frozen: offer.frozenAt !== null },
    action,
    side,
    now,
  );
  if (refusal) return new AppError(REFUSAL_CODES[refusal.reason], refusal.message);
  return new AppError(
    "version_conflict",
    `The offer changed while you answered it (now version ${offer.latestVersion}); read it again.`,
    {
      headers: { ETag: `"${offer.latestVersion}"` },
    },
  );
}
