import type { DealSignature } from "../../generated/prisma/client.ts";
import type { CompletionConsideration } from "../domain/completion-rules.ts";
import type { DealStatus } from "../domain/deal-status.ts";
import type { LoadedDeal } from "./deal-access.ts";

/** A deal as its parties, the advisor and admins see it. Signatures show who signed and when, not from where. */
export interface DealDetails {
  id: string;
  listingId: string;
  offerId: string;
  acceptedVersion: number;
  status: DealStatus;
  headsOfTerms: {
    sha256: string;
    signatures: { party: "BUYER" | "SELLER"; fullName: string; signedAt: Date; documentSha256: string }[];
  };
  exclusivity: {
    days: number;
    startsAt: Date | null;
    endsAt: Date | null;
    extension: { days: number; proposedBy: "BUYER" | "SELLER"; signedBy: ("BUYER" | "SELLER")[] } | null;
    extendedAt: Date | null;
    endedAt: Date | null;
    endReason: string | null;
  };
  completion: {
    completedOn: string;
    consideration: CompletionConsideration;
    recordedAt: Date;
    confirmedAt: Date | null;
  } | null;
  fellThrough: { at: Date; reason: string } | null;
  createdAt: Date;
}

export function toDealDetails(
  deal: LoadedDeal,
  acceptedVersion: number,
  signatures: readonly DealSignature[],
): DealDetails {
  const { exclusivity } = deal;
  const ofPurpose = (purpose: DealSignature["purpose"]) => signatures.filter((s) => s.purpose === purpose);
  return {
    id: deal.id,
    listingId: deal.businessId,
    offerId: deal.offerId,
    acceptedVersion,
    status: deal.status,
    headsOfTerms: {
      sha256: deal.headsOfTermsSha256,
      signatures: ofPurpose("HEADS_OF_TERMS").map((signature) => ({
        party: signature.party,
        fullName: signature.fullName,
        signedAt: signature.signedAt,
        documentSha256: signature.documentSha256,
      })),
    },
    exclusivity: {
      days: deal.exclusivityDays,
      startsAt: exclusivity?.startsAt ?? null,
      endsAt: exclusivity?.endsAt ?? null,
      extension:
        exclusivity?.extensionDays && exclusivity.extensionProposedBy
          ? {
              days: exclusivity.extensionDays,
              proposedBy: exclusivity.extensionProposedBy,
              signedBy: ofPurpose("EXCLUSIVITY_EXTENSION").map((signature) => signature.party),
            }
          : null,
      extendedAt: exclusivity?.extendedAt ?? null,
      endedAt: exclusivity?.endedAt ?? null,
      endReason: exclusivity?.endReason ?? null,
    },
    completion:
      deal.completedOn && deal.completionTerms && deal.completionRecordedAt
        ? {
            completedOn: deal.completedOn.toISOString().slice(0, 10),
            consideration: deal.completionTerms as unknown as CompletionConsideration,
            recordedAt: deal.completionRecordedAt,
            confirmedAt: deal.completionConfirmedAt,
          }
        : null,
    fellThrough:
      deal.fellThroughAt && deal.fellThroughReason ? { at: deal.fellThroughAt, reason: deal.fellThroughReason } : null,
    createdAt: deal.createdAt,
  };
}
