import type { PrismaClient } from "../../generated/prisma/client.ts";
import { offerTermsChanges, type TermChange } from "../domain/offer-terms-diff.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadOfferFor } from "./offer-access.ts";
import {
  OFFER_DETAILS,
  type OfferDetails,
  type OfferVersionDetails,
  toOfferDetails,
  toVersionDetails,
} from "./offer-details.ts";

/** An offer with every version of its terms, newest first: to its buyer, the seller's side and admins. */
export async function getOffer(
  deps: { prisma: PrismaClient },
  input: { offerId: string },
  request: SignedInRequest,
): Promise<OfferDetails & { versions: OfferVersionDetails[] }> {
  const { prisma } = deps;
  await loadOfferFor(prisma, input.offerId, request.caller);
  const offer = await prisma.offer.findUniqueOrThrow({
    where: { id: input.offerId },
    include: { ...OFFER_DETAILS, versions: { orderBy: { number: "desc" } } },
  });
  return { ...toOfferDetails(offer, request.receivedAt), versions: offer.versions.map(toVersionDetails) };
}
getOffer.failures = ["not_found"] as const;

/** What version `number` changed from the one before it: each field, from what to what. */
export async function compareOfferVersions(
  deps: { prisma: PrismaClient },
  input: { offerId: string; number: number },
  request: SignedInRequest,
): Promise<{ number: number; comparedWith: number; changes: TermChange[] }> {
  const { prisma } = deps;
  await loadOfferFor(prisma, input.offerId, request.caller);
  if (input.number < 2)
    throw new AppError("bad_request", "Version 1 is the first: there is nothing before it to compare with.");
  const versions = await prisma.offerVersion.findMany({
    where: { offerId: input.offerId, number: { in: [input.number - 1, input.number] } },
    orderBy: { number: "asc" },
  });
  const [before, after] = versions;
  if (!before || !after) throw new AppError("not_found", `The offer has no version ${input.number}.`);
  return {
    number: after.number,
    comparedWith: before.number,
    changes: offerTermsChanges(before.terms as unknown as OfferTerms, after.terms as unknown as OfferTerms),
  };
}
compareOfferVersions.failures = ["not_found", "bad_request"] as const;
