import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { loadDealFor } from "./deal-access.ts";

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
  const bytes = await deps.storage.get(deal.headsOfTermsStorageKey);
  // Stored with the deal in one transaction's success: missing bytes are our fault, not the caller's.
  if (!bytes) throw new AppError("internal_error", "The heads of terms file is missing from storage.");
  return { bytes, sha256: deal.headsOfTermsSha256, fileName: `heads-of-terms-${deal.id}.pdf` };
}
downloadHeadsOfTerms.failures = ["not_found"] as const;
