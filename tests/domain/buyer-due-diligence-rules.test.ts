// The due diligence gate on accepting an offer (issue 28, section 4): no record, no recorded
// source of funds, a check dated in the future or one older than its risk allows, each refused
// with the code that says so and a reason a seller can act on.
import { describe, expect, it } from "vitest";
import {
  type BuyerDueDiligence,
  DUE_DILIGENCE_VALID_DAYS,
  offerAcceptanceGate,
} from "../../functions/domain/buyer-due-diligence-rules.ts";

const DAY = 86_400_000;
const NOW = new Date("2026-11-25T12:00:00.000Z");
const record = (extra: Partial<BuyerDueDiligence> = {}): BuyerDueDiligence => ({
  identityMethod: "ELECTRONIC",
  identityCheckedAt: new Date(NOW.getTime() - 30 * DAY),
  sourceOfFunds: "Sale of a previous business: completion statement seen",
  riskRating: "STANDARD",
  recordedById: "00000000-0000-4000-8000-000000000001",
  ...extra,
});
const LAW =
  " ExitMatch must identify a buyer and the source of their funds before an offer is accepted (Money Laundering Regulations 2017).";
const refused = (why: string) => ({
  code: "buyer_due_diligence_required",
  message: `This offer cannot be accepted yet: ${why}${LAW}`,
});

describe("offerAcceptanceGate", () => {
  it("lets an offer from a buyer with a current record be accepted", () => {
    expect(offerAcceptanceGate(record(), NOW)).toBeNull();
    expect(offerAcceptanceGate(record({ identityCheckedAt: NOW }), NOW)).toBeNull();
  });

  it("refuses without a record, or without the source of funds", () => {
    expect(offerAcceptanceGate(null, NOW)).toEqual(refused("the buyer has no due diligence record."));
    expect(offerAcceptanceGate(record({ sourceOfFunds: "  " }), NOW)).toEqual(
      refused("the buyer's source of funds is not recorded."),
    );
  });

  it("refuses a check dated in the future", () => {
    expect(offerAcceptanceGate(record({ identityCheckedAt: new Date(NOW.getTime() + 1) }), NOW)).toEqual(
      refused("the buyer's identity check is dated in the future."),
    );
  });

  it("holds a check for two years at low risk, one at standard, six months at high, to the millisecond", () => {
    expect(DUE_DILIGENCE_VALID_DAYS).toEqual({ LOW: 730, STANDARD: 365, HIGH: 182 });
    for (const [riskRating, days] of Object.entries(DUE_DILIGENCE_VALID_DAYS) as [
      BuyerDueDiligence["riskRating"],
      number,
    ][]) {
      const checkedAt = new Date(NOW.getTime() - days * DAY);
      expect(
        offerAcceptanceGate(record({ riskRating, identityCheckedAt: new Date(checkedAt.getTime() + 1) }), NOW),
      ).toBeNull();
      expect(offerAcceptanceGate(record({ riskRating, identityCheckedAt: checkedAt }), NOW), riskRating).toEqual(
        refused("the buyer's identity check is out of date and must be renewed."),
      );
    }
  });
});
