// The final consideration at completion: dated between the heads of terms and today, and its
// money held to an offer's rules (adding up exactly, whole pence, deferred dates after completion).
import { describe, expect, it } from "vitest";
import { completionProblems } from "../../functions/domain/completion-rules.ts";
import { shareOfferTerms } from "../support/offer-terms.ts";

const accepted = shareOfferTerms();
const dates = { completedOn: "2026-11-20", agreedOn: "2026-10-01", today: "2026-11-25" };
const allCash = (pricePence: number) => ({ pricePence, payment: { cashAtCompletionPence: pricePence, deferred: [] } });

describe("completionProblems", () => {
  it("accepts a final price that differs from the heads of terms", () => {
    expect(completionProblems(allCash(110_000_000), accepted, dates)).toEqual([]);
    expect(completionProblems({ pricePence: accepted.pricePence, payment: accepted.payment }, accepted, dates)).toEqual(
      [],
    );
  });

  it("refuses a completion dated in the future or before the heads of terms, and accepts both ends", () => {
    expect(completionProblems(allCash(1), accepted, { ...dates, completedOn: "2026-11-26" })).toEqual([
      { field: "completedOn", message: "cannot be in the future" },
    ]);
    expect(completionProblems(allCash(1), accepted, { ...dates, completedOn: "2026-09-30" })).toEqual([
      { field: "completedOn", message: "cannot be before the heads of terms were agreed (2026-10-01)" },
    ]);
    expect(completionProblems(allCash(1), accepted, { ...dates, completedOn: "2026-11-25" })).toEqual([]);
    expect(completionProblems(allCash(1), accepted, { ...dates, completedOn: "2026-10-01" })).toEqual([]);
  });

  it("holds the money to an offer's rules, naming the field, and ignores the offer's other fields", () => {
    const short = { pricePence: 100_000_000, payment: { cashAtCompletionPence: 90_000_000, deferred: [] } };
    const problems = completionProblems(short, accepted, dates);
    expect(problems.map((problem) => problem.field)).toEqual(["payment"]);
    expect(problems[0]!.message).toContain("£100,000 less than the price");
    // The accepted offer funded £900k; a completion at £1.1m in cash is not refused for funding.
    expect(completionProblems(allCash(110_000_000), accepted, dates).map((problem) => problem.field)).not.toContain(
      "funding",
    );
    expect(completionProblems(allCash(-5), accepted, dates).map((problem) => problem.field)).toContain("pricePence");
  });

  it("dates a deferred payment after completion, not after today", () => {
    const deferredOn = (dueDate: string) => ({
      pricePence: 100,
      payment: { cashAtCompletionPence: 50, deferred: [{ amountPence: 50, dueDate }] },
    });
    expect(completionProblems(deferredOn("2026-11-21"), accepted, dates)).toEqual([]);
    expect(completionProblems(deferredOn("2026-11-20"), accepted, dates).map((problem) => problem.field)).toEqual([
      "payment.deferred.0.dueDate",
    ]);
  });
});
