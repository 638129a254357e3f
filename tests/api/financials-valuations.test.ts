import { beforeAll, describe, expect, it } from "vitest";
import { call, problemOf } from "../support/api-client.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";

describe("financials and valuations", () => {
  const seeded = useSeededApp();
  let app: SeededApp["app"];
  let token: SeededApp["token"];
  const base = `/businesses/${BUSINESS.confidentialPublished}`;

  beforeAll(() => {
    ({ app, token } = seeded);
  });

  it("lets the advisor add a year's figures, exactly, and the NDA buyer read them", async () => {
    const created = await call(app, "POST", `${base}/financials`, {
      token: token("advisorOnDeal"),
      body: {
        financialYearEnd: "2026-03-31",
        revenuePence: 330_000_000_01,
        ebitdaPence: -1_234_56,
        source: "ACCOUNTANT_PREPARED",
      },
    });
    expect(created.status).toBe(201);
    const read = (await (await call(app, "GET", `${base}/financials`, { token: token("buyerWithNda") })).json()) as {
      items: { financialYearEnd: string; revenuePence: number; ebitdaPence: number | null }[];
    };
    expect(read.items[0]).toMatchObject({
      financialYearEnd: "2026-03-31",
      revenuePence: 330_000_000_01,
      ebitdaPence: -1_234_56,
    });
    expect(read.items.map((item) => item.financialYearEnd)).toEqual([
      "2026-03-31",
      "2025-03-31",
      "2024-03-31",
      "2023-03-31",
    ]);
  });

  it("refuses a second entry for the same year, and negative turnover", async () => {
    const again = await call(app, "POST", `${base}/financials`, {
      token: token("ownerSeller"),
      body: { financialYearEnd: "2026-03-31", revenuePence: 1 },
    });
    expect((await problemOf(again)).code).toBe("conflict");
    const negative = await call(app, "POST", `${base}/financials`, {
      token: token("ownerSeller"),
      body: { financialYearEnd: "2027-03-31", revenuePence: -5 },
    });
    expect((await problemOf(negative)).errors?.[0]?.field).toBe("revenuePence");
  });

  it("lets the seller correct a year's figures, based on the current ones, and not onto another year", async () => {
    const list = (await (await call(app, "GET", `${base}/financials`, { token: token("ownerSeller") })).json()) as {
      items: { id: string; financialYearEnd: string; etag: string }[];
    };
    const fy2024 = list.items.find((item) => item.financialYearEnd === "2024-03-31")!;
    const path = `${base}/financials/${fy2024.id}`;
    const figures = { financialYearEnd: "2024-03-31", revenuePence: 290_000_000, source: "FILED_ACCOUNTS" };

    expect((await problemOf(await call(app, "PUT", path, { token: token("ownerSeller"), body: figures }))).status).toBe(
      428,
    );
    const corrected = await call(app, "PUT", path, {
      token: token("ownerSeller"),
      body: figures,
      headers: { "if-match": fy2024.etag },
    });
    expect(await corrected.json()).toMatchObject({ revenuePence: 290_000_000, source: "FILED_ACCOUNTS" });
    // A second correction based on the same, now stale, figures is refused.
    const stale = await call(app, "PUT", path, {
      token: token("advisorOnDeal"),
      body: { ...figures, revenuePence: 1 },
      headers: { "if-match": fy2024.etag },
    });
    expect(await problemOf(stale)).toMatchObject({ status: 412, code: "version_conflict" });

    const current = (
      (await (await call(app, "GET", `${base}/financials`, { token: token("ownerSeller") })).json()) as {
        items: { id: string; etag: string }[];
      }
    ).items.find((item) => item.id === fy2024.id)!;
    const collision = await call(app, "PUT", path, {
      token: token("ownerSeller"),
      body: { financialYearEnd: "2025-03-31", revenuePence: 1 },
      headers: { "if-match": current.etag },
    });
    expect((await problemOf(collision)).code).toBe("conflict");
    const buyerTries = await call(app, "PUT", path, {
      token: token("buyerWithNda"),
      body: figures,
      headers: { "if-match": current.etag },
    });
    expect((await problemOf(buyerTries)).code).toBe("forbidden");
  });

  it("keeps financials from buyers without the NDA, with a reason", async () => {
    const problem = await problemOf(await call(app, "GET", `${base}/financials`, { token: token("buyerWithoutNda") }));
    expect(problem).toMatchObject({
      status: 403,
      detail: "Financial figures are shared with buyers once they accept the NDA.",
    });
  });

  it("records valuations with method, inputs, range and author", async () => {
    const created = await call(app, "POST", `${base}/valuations`, {
      token: token("advisorOnDeal"),
      body: {
        method: "EBITDA_MULTIPLE",
        inputs: { ebitdaPence: 52_000_000, multiple: 4.2 },
        lowPence: 185_640_000,
        midPence: 218_400_000,
        highPence: 251_160_000,
      },
    });
    expect(created.status).toBe(201);
    const valuation = (await created.json()) as { id: string; createdBy: { role: string } };
    expect(valuation.createdBy.role).toBe("ADVISOR");
    const list = (await (await call(app, "GET", `${base}/valuations`, { token: token("buyerWithNda") })).json()) as {
      items: { id: string }[];
    };
    expect(list.items[0]!.id).toBe(valuation.id);

    // Only its author (or an admin) withdraws it.
    expect(
      (await call(app, "DELETE", `${base}/valuations/${valuation.id}`, { token: token("ownerSeller") })).status,
    ).toBe(403);
    expect(
      (await call(app, "DELETE", `${base}/valuations/${valuation.id}`, { token: token("advisorOnDeal") })).status,
    ).toBe(204);
    const after = (await (await call(app, "GET", `${base}/valuations`, { token: token("ownerSeller") })).json()) as {
      items: { id: string }[];
    };
    expect(after.items.map((item) => item.id)).not.toContain(valuation.id);
  });

  it("rejects an unordered range naming the field", async () => {
    const problem = await problemOf(
      await call(app, "POST", `${base}/valuations`, {
        token: token("ownerSeller"),
        body: { method: "SDE_MULTIPLE", inputs: {}, lowPence: 300, midPence: 200, highPence: 400 },
      }),
    );
    expect(problem.errors?.[0]).toEqual({
      field: "midPence",
      message: "must satisfy lowPence <= midPence <= highPence",
    });
  });
});
