// A deal's life after acceptance (issue 28): signatures, exclusivity, completion recorded by the
// seller's side and confirmed by the buyer, falling through; and what each does to the listing.
import { describe, expect, it } from "vitest";
import {
  type DealAction,
  type DealSide,
  type DealStatus,
  dealActionRefusal,
  dealStatusAfter,
  listingStatusFor,
} from "../../functions/domain/deal-status.ts";

const STATUSES: DealStatus[] = ["HEADS_OF_TERMS", "EXCLUSIVE", "COMPLETION_RECORDED", "COMPLETED", "FELL_THROUGH"];
const ACTIONS: DealAction[] = ["SIGN_HEADS_OF_TERMS", "RECORD_COMPLETION", "CONFIRM_COMPLETION", "FALL_THROUGH"];
const SIDES: DealSide[] = ["BUYER", "SELLER"];

describe("dealActionRefusal", () => {
  it("allows exactly these actions, by these sides, in these statuses", () => {
    const allowed: string[] = [];
    for (const status of STATUSES)
      for (const action of ACTIONS)
        for (const side of SIDES)
          if (dealActionRefusal(status, action, side) === null) allowed.push(`${status} ${action} ${side}`);
    expect(allowed).toEqual([
      "HEADS_OF_TERMS SIGN_HEADS_OF_TERMS BUYER",
      "HEADS_OF_TERMS SIGN_HEADS_OF_TERMS SELLER",
      "HEADS_OF_TERMS FALL_THROUGH BUYER",
      "HEADS_OF_TERMS FALL_THROUGH SELLER",
      "EXCLUSIVE RECORD_COMPLETION SELLER",
      "EXCLUSIVE FALL_THROUGH BUYER",
      "EXCLUSIVE FALL_THROUGH SELLER",
      "COMPLETION_RECORDED CONFIRM_COMPLETION BUYER",
      "COMPLETION_RECORDED FALL_THROUGH BUYER",
      "COMPLETION_RECORDED FALL_THROUGH SELLER",
    ]);
  });

  it("says where the deal stands when the action does not fit, and who acts when the side is wrong", () => {
    expect(
      STATUSES.map((status) =>
        dealActionRefusal(status, status === "HEADS_OF_TERMS" ? "CONFIRM_COMPLETION" : "SIGN_HEADS_OF_TERMS", "BUYER"),
      ),
    ).toEqual([
      "The deal is waiting for the heads of terms to be signed.",
      "The deal is in exclusivity.",
      "The deal is waiting for the buyer to confirm completion.",
      "The deal has completed.",
      "The deal has fallen through.",
    ]);
    expect(dealActionRefusal("EXCLUSIVE", "RECORD_COMPLETION", "BUYER")).toBe(
      "The seller, or the listing's advisor, records completion.",
    );
    expect(dealActionRefusal("COMPLETION_RECORDED", "CONFIRM_COMPLETION", "SELLER")).toBe(
      "The buyer confirms completion.",
    );
  });
});

describe("dealStatusAfter", () => {
  it("starts exclusivity only with both signatures", () => {
    expect(dealStatusAfter("HEADS_OF_TERMS", "SIGN_HEADS_OF_TERMS", { buyer: true, seller: false })).toBe(
      "HEADS_OF_TERMS",
    );
    expect(dealStatusAfter("HEADS_OF_TERMS", "SIGN_HEADS_OF_TERMS", { buyer: false, seller: true })).toBe(
      "HEADS_OF_TERMS",
    );
    expect(dealStatusAfter("HEADS_OF_TERMS", "SIGN_HEADS_OF_TERMS", { buyer: true, seller: true })).toBe("EXCLUSIVE");
  });

  it("records, confirms and falls through", () => {
    expect(dealStatusAfter("EXCLUSIVE", "RECORD_COMPLETION", { buyer: false, seller: false })).toBe(
      "COMPLETION_RECORDED",
    );
    expect(dealStatusAfter("COMPLETION_RECORDED", "CONFIRM_COMPLETION", { buyer: false, seller: false })).toBe(
      "COMPLETED",
    );
    expect(dealStatusAfter("EXCLUSIVE", "FALL_THROUGH", { buyer: false, seller: false })).toBe("FELL_THROUGH");
  });
});

describe("listingStatusFor", () => {
  it("puts the listing under offer in exclusivity, sold on completion, back on the market when the deal falls through", () => {
    expect(STATUSES.map(listingStatusFor)).toEqual([null, "UNDER_OFFER", "UNDER_OFFER", "SOLD", "PUBLISHED"]);
  });
});
