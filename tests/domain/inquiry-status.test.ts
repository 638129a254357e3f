import { describe, expect, it } from "vitest";
import { INQUIRY_TRANSITIONS, type InquiryAction } from "../../functions/domain/inquiry-status.ts";
import type { InquiryStatus } from "../../generated/prisma/enums.ts";

// Who answers an inquiry, from where, and to what: the seller accepts or declines a pending
// inquiry; the buyer withdraws a pending one; nothing moves an inquiry that was answered.
const EXPECTED: Record<InquiryAction, { by: "seller" | "buyer"; from: InquiryStatus[]; to: InquiryStatus }> = {
  accept: { by: "seller", from: ["PENDING"], to: "ACCEPTED" },
  decline: { by: "seller", from: ["PENDING"], to: "DECLINED" },
  withdraw: { by: "buyer", from: ["PENDING"], to: "WITHDRAWN" },
};

describe("inquiry transitions", () => {
  it.each(Object.keys(EXPECTED) as InquiryAction[])("%s: who, from where, to what", (action) => {
    const rule = INQUIRY_TRANSITIONS[action];
    expect({ by: rule.by, from: [...rule.from], to: rule.to }).toEqual(EXPECTED[action]);
  });

  it("has no other actions", () => {
    expect(Object.keys(INQUIRY_TRANSITIONS).sort()).toEqual(["accept", "decline", "withdraw"]);
  });
});
