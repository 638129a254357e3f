// What ExitMatch keeps after an erasure, and the reasons people are told (functions/gdpr/legal-holds.ts).

import { describe, expect, it } from "vitest";
import { heldUntil, LEGAL_HOLDS } from "../../functions/gdpr/legal-holds.ts";

describe("legal holds", () => {
  it("name the law or duty behind each hold, and a period that matches its years", () => {
    const law = {
      financialRecords: "HMRC",
      amlRecords: "Money Laundering Regulations 2017",
      auditLogs: "audit trail",
      contracts: "Limitation Act 1980",
    };
    expect(Object.keys(LEGAL_HOLDS).sort()).toEqual(Object.keys(law).sort());
    for (const [hold, { years, reason }] of Object.entries(LEGAL_HOLDS)) {
      expect(reason, hold).toContain(law[hold as keyof typeof law]);
      expect(reason, hold).toContain(`${years} years`);
    }
    expect([6, 5, 7, 6]).toEqual([
      LEGAL_HOLDS.financialRecords.years,
      LEGAL_HOLDS.amlRecords.years,
      LEGAL_HOLDS.auditLogs.years,
      LEGAL_HOLDS.contracts.years,
    ]);
  });

  it("keep a record to the same date `years` later, leaving the start date as it was", () => {
    const from = new Date("2020-01-15T10:30:00Z");
    expect(heldUntil(from, 6)).toEqual(new Date("2026-01-15T10:30:00Z"));
    expect(from).toEqual(new Date("2020-01-15T10:30:00Z"));
    // A record of 29 February is held to 1 March in a year without one.
    expect(heldUntil(new Date("2024-02-29T00:00:00Z"), 1)).toEqual(new Date("2025-03-01T00:00:00Z"));
  });
});
