// Comparing two versions of an offer (issue 28): every field that differs, from what to what,
// including payments added or dropped and fields a version leaves out.
import { describe, expect, it } from "vitest";
import { offerTermsChanges } from "../../functions/domain/offer-terms-diff.ts";
import type { OfferTerms } from "../../functions/domain/offer-terms-rules.ts";

function version(): OfferTerms {
  return {
    dealType: "SHARE_PURCHASE",
    pricePence: 100_000_000,
    cashFreeDebtFree: true,
    payment: {
      cashAtCompletionPence: 90_000_000,
      deferred: [{ amountPence: 10_000_000, monthsAfterCompletion: 12 }],
    },
    priceMechanism: { kind: "LOCKED_BOX", balanceSheetDate: "2026-03-31" },
    funding: [{ source: "OWN_CASH", amountPence: 90_000_000 }],
    conditions: [{ kind: "FINANCE" }],
    exclusivityDays: 60,
    targetCompletionDate: "2027-02-26",
    openDays: 7,
  };
}

describe("offerTermsChanges", () => {
  it("finds no change between equal versions", () => {
    expect(offerTermsChanges(version(), version())).toEqual([]);
  });

  it("lists each changed field from what to what, in the newer version's order", () => {
    const counter = version();
    counter.pricePence = 110_000_000;
    counter.payment.cashAtCompletionPence = 95_000_000;
    counter.payment.deferred[0] = { amountPence: 15_000_000, dueDate: "2027-12-31" };
    counter.exclusivityDays = 45;
    counter.cashFreeDebtFree = false;
    expect(offerTermsChanges(version(), counter)).toEqual([
      { field: "pricePence", from: 100_000_000, to: 110_000_000 },
      { field: "cashFreeDebtFree", from: true, to: false },
      { field: "payment.cashAtCompletionPence", from: 90_000_000, to: 95_000_000 },
      { field: "payment.deferred.0.amountPence", from: 10_000_000, to: 15_000_000 },
      { field: "payment.deferred.0.dueDate", from: null, to: "2027-12-31" },
      { field: "exclusivityDays", from: 60, to: 45 },
      { field: "payment.deferred.0.monthsAfterCompletion", from: 12, to: null },
    ]);
  });

  it("shows what was added and what was dropped, field by field", () => {
    const counter = version();
    counter.payment.earnOut = { maxAmountPence: 5_000_000, measure: "REVENUE", months: 24, terms: "5% of revenue" };
    counter.conditions.push({ kind: "OTHER", text: "Landlord's consent" });
    counter.priceMechanism = { kind: "COMPLETION_ACCOUNTS" };
    counter.cashFreeDebtFree = undefined;
    expect(offerTermsChanges(version(), counter)).toEqual([
      { field: "payment.earnOut.maxAmountPence", from: null, to: 5_000_000 },
      { field: "payment.earnOut.measure", from: null, to: "REVENUE" },
      { field: "payment.earnOut.months", from: null, to: 24 },
      { field: "payment.earnOut.terms", from: null, to: "5% of revenue" },
      { field: "priceMechanism.kind", from: "LOCKED_BOX", to: "COMPLETION_ACCOUNTS" },
      { field: "conditions.1.kind", from: null, to: "OTHER" },
      { field: "conditions.1.text", from: null, to: "Landlord's consent" },
      { field: "cashFreeDebtFree", from: true, to: null },
      { field: "priceMechanism.balanceSheetDate", from: "2026-03-31", to: null },
    ]);
    // Back again: the same changes the other way round.
    expect(
      offerTermsChanges(counter, version())
        .map(({ field, from, to }) => [field, from, to])
        .sort(),
    ).toEqual(
      offerTermsChanges(version(), counter)
        .map(({ field, from, to }) => [field, to, from])
        .sort(),
    );
  });

  it("treats a field given as null and a field left out alike", () => {
    const withNull = { ...version(), cashFreeDebtFree: null } as unknown as OfferTerms;
    const without = { ...version(), cashFreeDebtFree: undefined };
    expect(offerTermsChanges(withNull, without)).toEqual([]);
    expect(offerTermsChanges(without, withNull)).toEqual([]);
  });
});
