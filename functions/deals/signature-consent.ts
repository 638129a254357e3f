import { createHash } from "node:crypto";

/** What a party agrees to when they type their name under the heads of terms; stored with the signature. */
export const HEADS_OF_TERMS_CONSENT =
  "I have read these heads of terms. By typing my name I sign them electronically, and I agree that my name, " +
  "the document's SHA-256, the time, my IP address and my browser are recorded as evidence of my signature. " +
  "Only the clauses marked binding (exclusivity, confidentiality, costs) bind me now; the rest is subject to contract.";

/** What a party agrees to when they sign an extension of exclusivity. */
export const EXTENSION_CONSENT =
  "I agree to extend the exclusivity granted by these heads of terms as stated. By typing my name I sign this " +
  "electronically, and I agree that my name, the statement's SHA-256, the time, my IP address and my browser are " +
  "recorded as evidence of my signature.";

/**
 * The statement both sides sign to extend exclusivity: which heads of terms, from which end, by
 * how many days. Its SHA-256 is what each signature records, so both provably signed the same.
 */
export function extensionStatement(deal: { id: string; headsOfTermsSha256: string }, endsAt: Date, days: number) {
  const text =
    `Extension of exclusivity under the heads of terms of deal ${deal.id} (SHA-256 ${deal.headsOfTermsSha256}): ` +
    `the exclusivity ending ${endsAt.toISOString()} is extended by ${days} days.`;
  return { text, sha256: createHash("sha256").update(text).digest("hex") };
}
