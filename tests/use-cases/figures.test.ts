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

describe("figures: their rules one by one", () => {
  it("lists only this listing's live years and valuations", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    const prisma = seeded.db.prisma;
    const otherListing = await prisma.business.findFirstOrThrow({ where: { id: { not: businessId } } });
    const year = (business: string, financialYearEnd: string, deletedAt: Date | null = null) =>
      prisma.businessFinancial.create({
        data: {
          businessId: business,
          enteredById: seller.caller.id,
          financialYearEnd: new Date(financialYearEnd),
          revenue: 1n,
          source: "ACCOUNTANT_PREPARED",
          deletedAt,
        },
      });
    const removedYear = await year(businessId, "2012-03-31", seller.receivedAt);
    const elsewhereYear = await year(otherListing.id, "2013-03-31");
    const years = await runForRequest(seller, () => listFinancials(seeded.deps, { businessId }, seller));
    expect(years.every((row) => row.businessId === businessId && row.deletedAt === null)).toBe(true);
    expect(years.map((row) => row.id)).not.toContain(removedYear.id);
    expect(years.map((row) => row.id)).not.toContain(elsewhereYear.id);

    const valuation = (business: string, deletedAt: Date | null = null) =>
      prisma.valuation.create({
        data: {
          businessId: business,
          createdById: seller.caller.id,
          method: "EBITDA_MULTIPLE",
          inputs: {},
          low: 1n,
          mid: 2n,
          high: 3n,
          deletedAt,
        },
      });
    const withdrawn = await valuation(businessId, seller.receivedAt);
    const elsewhere = await valuation(otherListing.id);
    const valuations = await runForRequest(seller, () => listValuations(seeded.deps, { businessId }, seller));
    expect(valuations.length).toBeGreaterThan(0);
    expect(valuations.map((row) => row.id)).not.toContain(withdrawn.id);
    expect(valuations.map((row) => row.id)).not.toContain(elsewhere.id);
  });

  it("keeps a valuation's notes", async () => {
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const valuation = {
      method: "EBITDA_MULTIPLE" as const,
      inputs: { multiple: 4 },
      lowPence: 100,
      midPence: 200,
      highPence: 300,
      notes: "Normalised for the owner's salary.",
    };
    const made = await runForRequest(advisor, () => valueListing(seeded.deps, { businessId, valuation }, advisor));
    expect(made.notes).toBe("Normalised for the owner's salary.");
  });

  it("lets a valuation's author or an admin withdraw it, telling anyone else why not", async () => {
    const advisor = await seeded.as(ACTORS.advisorOnDeal);
    const seller = await seeded.as(ACTORS.ownerSeller);
    const withNda = await seeded.as(ACTORS.buyerWithNda);
    const admin = await seeded.as(ACTORS.admin);
    const valuation = { method: "ASSET_BASED" as const, inputs: {}, lowPence: 1, midPence: 2, highPence: 3 };
    const made = await runForRequest(advisor, () => valueListing(seeded.deps, { businessId, valuation }, advisor));
    const withdrawal = { businessId, valuationId: made.id };
    for (const other of [seller, withNda]) {
      expect(await attempt(other, () => withdrawValuation(seeded.deps, withdrawal, other))).toMatchObject({
        code: "forbidden",
        message: "Only its author can withdraw a valuation.",
      });
    }
    await runForRequest(admin, () => withdrawValuation(seeded.deps, withdrawal, admin));
    expect(await attempt(advisor, () => withdrawValuation(seeded.deps, withdrawal, advisor))).toMatchObject({
      code: "not_found",
      message: "No such valuation on this listing.",
    });
  });
});
