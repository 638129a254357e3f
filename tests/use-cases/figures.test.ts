// A listing's figures as use cases, without HTTP: financial years (one per year, corrected by
// version, removed softly) and valuations (withdrawn by their author only), behind the NDA.

import { describe, expect, it } from "vitest";
import { addFinancialYear } from "../../functions/financials/add-financial-year.ts";
import { correctFinancialYear } from "../../functions/financials/correct-financial-year.ts";
import type { FinancialYearFields } from "../../functions/financials/financial-fields.ts";
import { listFinancials } from "../../functions/financials/list-financials.ts";
import { removeFinancialYear } from "../../functions/financials/remove-financial-year.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { listValuations } from "../../functions/valuations/list-valuations.ts";
import { valueListing } from "../../functions/valuations/value-listing.ts";
import { withdrawValuation } from "../../functions/valuations/withdraw-valuation.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const businessId = BUSINESS.confidentialPublished;
const YEAR: FinancialYearFields = {
  financialYearEnd: "2019-03-31",
  revenuePence: 210_000_000,
  ebitdaPence: 31_000_000,
  source: "ACCOUNTANT_PREPARED",
};

describe("financial years", () => {
  it("are added once per year by the seller or advisor, read after the NDA, corrected by version, removed softly", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const withNda = await seeded.as(ACTORS.buyerWithNda);
    const withoutNda = await seeded.as(ACTORS.buyerWithoutNda);

    const byBuyer = await attempt(withNda, () => addFinancialYear(seeded.deps, { businessId, figures: YEAR }, withNda));
    expect(codeOf(byBuyer)).toBe("forbidden");
    const added = await runForRequest(advisor, () =>
      addFinancialYear(seeded.deps, { businessId, figures: YEAR }, advisor),
    );
    expect(added).toMatchObject({
      revenue: 210_000_000n,
      ebitda: 31_000_000n,
      grossProfit: null,
      enteredById: advisor.caller.id,
    });
    const twice = await attempt(seller, () => addFinancialYear(seeded.deps, { businessId, figures: YEAR }, seller));
    expect(codeOf(twice)).toBe("conflict");

    expect(codeOf(await attempt(withoutNda, () => listFinancials(seeded.deps, { businessId }, withoutNda)))).toBe(
      "forbidden",
    );
    const read = await runForRequest(withNda, () => listFinancials(seeded.deps, { businessId }, withNda));
    expect(read.map((year) => year.id)).toContain(added.id);
    const years = read.map((year) => year.financialYearEnd.getTime());
    expect(years).toEqual([...years].sort((a, b) => b - a));

    const correction = (ifMatch: string | undefined) =>
      attempt(seller, () =>
        correctFinancialYear(
          seeded.deps,
          { businessId, financialId: added.id, ifMatch, figures: { ...YEAR, revenuePence: 215_000_000 } },
          seller,
        ),
      );
    expect(codeOf(await correction(undefined))).toBe("precondition_required");
    expect(codeOf(await correction('"1"'))).toBe("version_conflict");
    const corrected = await correction(`"${added.updatedAt.getTime()}"`);
    expect(corrected).toMatchObject({ revenue: 215_000_000n, enteredById: seller.caller.id });

    const removal = { businessId, financialId: added.id };
    expect(codeOf(await attempt(withNda, () => removeFinancialYear(seeded.deps, removal, withNda)))).toBe("forbidden");
    await runForRequest(seller, () => removeFinancialYear(seeded.deps, removal, seller));
    expect(codeOf(await attempt(seller, () => removeFinancialYear(seeded.deps, removal, seller)))).toBe("not_found");
  });
});

describe("valuations", () => {
  it("are made by the seller or advisor, read after the NDA, and withdrawn by their author or an admin only", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const withNda = await seeded.as(ACTORS.buyerWithNda);
    const valuation = {
      method: "EBITDA_MULTIPLE" as const,
      inputs: { multiple: 4.2 },
      lowPence: 200_000_000,
      midPence: 220_000_000,
      highPence: 240_000_000,
    };
    const byBuyer = await attempt(withNda, () => valueListing(seeded.deps, { businessId, valuation }, withNda));
    expect(codeOf(byBuyer)).toBe("forbidden");
    const made = await runForRequest(advisor, () => valueListing(seeded.deps, { businessId, valuation }, advisor));
    expect(made).toMatchObject({
      mid: 220_000_000n,
      notes: null,
      createdBy: { id: advisor.caller.id, role: "ADVISOR" },
    });
    const read = await runForRequest(withNda, () => listValuations(seeded.deps, { businessId }, withNda));
    expect(read[0]?.id).toBe(made.id);

    const withdrawal = { businessId, valuationId: made.id };
    expect(codeOf(await attempt(seller, () => withdrawValuation(seeded.deps, withdrawal, seller)))).toBe("forbidden");
    await runForRequest(advisor, () => withdrawValuation(seeded.deps, withdrawal, advisor));
    expect(codeOf(await attempt(advisor, () => withdrawValuation(seeded.deps, withdrawal, advisor)))).toBe("not_found");
  });
});
