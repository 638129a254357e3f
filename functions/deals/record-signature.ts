import type { DealParty, Prisma, SignaturePurpose } from "../../generated/prisma/client.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import type { SignedInRequest } from "../requests/request-context.ts";

/**
 * Writes one electronic signature with its evidence: the name typed (trimmed), the consent shown,
 * the SHA-256 of what was signed, the time, the address (encrypted) and the browser (as sent, at
 * most 1,000 characters). Immutable once written (migration offers_and_deals).
 */
export async function recordSignature(
  tx: Prisma.TransactionClient,
  fieldCipher: FieldCipher,
  signature: {
    dealId: string;
    party: DealParty;
    purpose: SignaturePurpose;
    fullName: string;
    consentText: string;
    documentSha256: string;
  },
  request: SignedInRequest,
): Promise<void> {
  await tx.dealSignature.create({
    data: {
      ...signature,
      userId: request.caller.id,
      fullName: signature.fullName.trim(),
      ipAddress: fieldCipher.encryptOptional("deal_signatures.ip_address", request.ipAddress),
      userAgent: request.userAgent?.slice(0, 1000) ?? null,
      signedAt: request.receivedAt,
    },
  });
}
