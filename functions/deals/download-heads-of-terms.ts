import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { type LoadedDeal, loadDealFor } from "./deal-access.ts";
import { headsOfTermsDocument, headsOfTermsSourceOf } from "./heads-of-terms-document.ts";

/**
 * The heads of terms PDF, for both parties, the advisor and admins, with the SHA-256 stored when it
 * was made: the client can check the bytes against it (and against what each party signed).
 */
export async function downloadHeadsOfTerms(
  deps: { prisma: PrismaClient; storage: ObjectStorage },
  input: { dealId: string },
  request: SignedInRequest,
): Promise<{ bytes: Uint8Array; sha256: string; fileName: string }> {
  const { deal } = await loadDealFor(deps.prisma, input.dealId, request.caller);
  return {
    bytes: await headsOfTermsBytes(deps, deal),
    sha256: deal.headsOfTermsSha256,
    fileName: `heads-of-terms-${deal.id}.pdf`,
  };
}

/** A deal's heads of terms, from storage or, when missing there, made again (see remake). */
export async function headsOfTermsBytes(
  deps: { prisma: PrismaClient; storage: ObjectStorage },
  deal: LoadedDeal,
): Promise<Uint8Array> {
  return (await deps.storage.get(deal.headsOfTermsStorageKey)) ?? (await remake(deps, deal));
}

/**
 * A file missing from storage (a preview stage without production's bucket, the seeded deals) is
 * made again from the same source and kept, but only when it is provably the same document: its
 * SHA-256 equals the one stored when the deal was made. Anything else is our failure, not the
 * caller's, and is never served.
 */
async function remake(deps: { prisma: PrismaClient; storage: ObjectStorage }, deal: LoadedDeal): Promise<Uint8Array> {
  const { pdf, sha256 } = await headsOfTermsDocument(await headsOfTermsSourceOf(deps.prisma, deal.id));
  if (sha256 !== deal.headsOfTermsSha256) {
    throw new AppError("internal_error", "The heads of terms are missing from storage and cannot be reproduced.");
  }
  await deps.storage.put(deal.headsOfTermsStorageKey, pdf, "application/pdf");
  return pdf;
}
downloadHeadsOfTerms.failures = ["not_found"] as const;
