import type { OfferTerms } from "../../functions/domain/offer-terms-rules.ts";

/**
 * A well-formed share-purchase offer, dated for TEST_NOW (2026-11-25): £1.2m for the shares,
 * £900k at completion (own cash and bank debt), £100k a year on, a £150k earn-out, a £50k
 * retention; locked box at 31 March 2026. Tests change what they are about.
 */
export function shareOfferTerms(overrides: Partial<OfferTerms> = {}): OfferTerms {
  return {
    dealType: "SHARE_PURCHASE",
    pricePence: 120_000_000,
    cashFreeDebtFree: true,
    payment: {
      cashAtCompletionPence: 90_000_000,
      deferred: [{ amountPence: 10_000_000, monthsAfterCompletion: 12 }],
      earnOut: { maxAmountPence: 15_000_000, measure: "EBITDA", months: 24, terms: "£1 per £1 of EBITDA over £300k" },
      retention: { amountPence: 5_000_000, months: 12, releasedWhen: "no warranty claims in the first year" },
    },
    priceMechanism: { kind: "LOCKED_BOX", balanceSheetDate: "2026-03-31" },
    funding: [
      { source: "OWN_CASH", amountPence: 40_000_000 },
      { source: "BANK_DEBT", amountPence: 50_000_000 },
    ],
    conditions: [{ kind: "FINANCE" }, { kind: "DUE_DILIGENCE" }],
    exclusivityDays: 60,
    targetCompletionDate: "2027-02-26",
    openDays: 7,
    ...overrides,
  };
}

/** The same deal at another price, all of it cash at completion and funded from own cash. */
export function cashOfferTerms(pricePence: number, overrides: Partial<OfferTerms> = {}): OfferTerms {
  return shareOfferTerms({
    pricePence,
    payment: { cashAtCompletionPence: pricePence, deferred: [] },
    funding: [{ source: "OWN_CASH", amountPence: pricePence }],
    ...overrides,
  });
}
