/**
 * Know your buyer before an offer is accepted (issue 28, section 4). ExitMatch brokers business
 * sales, so under the Money Laundering Regulations 2017 it must identify the buyer and understand
 * where the money comes from; HMRC's estate-agency guidance puts the start of the relationship
 * with a buyer at the point an offer is accepted (../shared/notes/deal-workflow.md, section 4).
 * An admin keeps one customer due diligence record per buyer; this is the one gate acceptance
 * passes through. Later checks (proof of funds, screening) extend `offerAcceptanceGate`.
 */
export interface BuyerDueDiligence {
  identityMethod: "IN_PERSON" | "ELECTRONIC" | "CERTIFIED_DOCUMENTS" | "SOLICITOR_CERTIFICATE";
  identityCheckedAt: Date;
  /** What evidence of the source of funds was seen, in words. */
  sourceOfFunds: string;
  riskRating: "LOW" | "STANDARD" | "HIGH";
  recordedById: string;
}

/**
 * How long an identity check stands before it must be looked at again, by risk. The regulations
 * ask for risk-based ongoing monitoring, not a fixed period: these are ExitMatch's own choice
 * (two years, one, six months), shorter as the risk rises.
 */
export const DUE_DILIGENCE_VALID_DAYS: Record<BuyerDueDiligence["riskRating"], number> = {
  LOW: 730,
  STANDARD: 365,
  HIGH: 182,
};

const DAY_MS = 86_400_000;

export interface AcceptanceRefusal {
  code: "buyer_due_diligence_required";
  message: string;
}

/**
 * Why an offer from a buyer with this record may not be accepted at `now`, or null when it may.
 * Told to the seller who tries to accept: it names no other buyer.
 */
export function offerAcceptanceGate(record: BuyerDueDiligence | null, now: Date): AcceptanceRefusal | null {
  const refuse = (why: string): AcceptanceRefusal => ({
    code: "buyer_due_diligence_required",
    message: `This offer cannot be accepted yet: ${why} ExitMatch must identify a buyer and the source of their funds before an offer is accepted (Money Laundering Regulations 2017).`,
  });
  if (!record) return refuse("the buyer has no due diligence record.");
  if (record.sourceOfFunds.trim() === "") return refuse("the buyer's source of funds is not recorded.");
  const age = now.getTime() - record.identityCheckedAt.getTime();
  if (age < 0) return refuse("the buyer's identity check is dated in the future.");
  if (age >= DUE_DILIGENCE_VALID_DAYS[record.riskRating] * DAY_MS) {
    return refuse("the buyer's identity check is out of date and must be renewed.");
  }
  return null;
}
