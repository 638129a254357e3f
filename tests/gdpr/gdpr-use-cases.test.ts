// The GDPR use cases (a person's erasure request, an admin's erasure, a data export), each rule
// with its wording and the trace it leaves: what the person is told is kept and why, and the
// activity rows an auditor reads later.

import { describe, expect, it } from "vitest";
import { eraseUserNow } from "../../functions/gdpr/erase-user-now.ts";
import { exportPersonalData } from "../../functions/gdpr/export-personal-data.ts";
import { LEGAL_HOLDS } from "../../functions/gdpr/legal-holds.ts";
import { requestErasure } from "../../functions/gdpr/request-erasure.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const MISSING = "00000000-0000-4000-8000-000000000000";
const activity = (action: string, entityId: string) =>
  seeded.db.prisma.activityLog.findMany({ where: { action, entityId } });

describe("requestErasure", () => {
  it("is refused to admins, saying who erases them", async () => {
    const admin = await seeded.as(ACTORS.admin);
    expect(await attempt(admin, () => requestErasure(seeded.deps, {}, admin))).toMatchObject({
      code: "forbidden",
      message: "Admins are erased by an operator, not through the API.",
    });
  });

  it("tells the person what is kept and why, leaves every match, and is logged", async () => {
    const buyer = await seeded.as("owen.davies@gmail.example");
    const erasure = await runForRequest(buyer, () => requestErasure(seeded.deps, {}, buyer));
    expect(erasure.legalHolds).toEqual([
      { records: "financial figures of listings you sold", reason: LEGAL_HOLDS.financialRecords.reason },
      { records: "NDAs you accepted", reason: LEGAL_HOLDS.contracts.reason },
      { records: "AML registration (advisors)", reason: LEGAL_HOLDS.amlRecords.reason },
      { records: "the audit trail", reason: LEGAL_HOLDS.auditLogs.reason },
    ]);
    const events = await seeded.db.prisma.outboxEvent.findMany({ where: { subjectId: buyer.caller.id } });
    expect(events.map((event) => event.kind)).toEqual(["buyer.changed"]);
    expect(await activity("gdpr.erasure_requested", buyer.caller.id)).toEqual([
      expect.objectContaining({ userId: buyer.caller.id, entityType: "user" }),
    ]);
  });
});

describe("eraseUserNow", () => {
  it("refuses a missing person and an admin, saying which", async () => {
    const admin = await seeded.as(ACTORS.admin);
    expect(await attempt(admin, () => eraseUserNow(seeded.deps, { userId: MISSING }, admin))).toMatchObject({
      code: "not_found",
      message: "No such user.",
    });
    expect(await attempt(admin, () => eraseUserNow(seeded.deps, { userId: admin.caller.id }, admin))).toMatchObject({
      code: "forbidden",
      message: "Admins are not erased through the API.",
    });
  });

  it("logs the erasure with what was kept", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const person = await seeded.as("priya.sharma@careventures.co.uk");
    const report = await runForRequest(admin, () => eraseUserNow(seeded.deps, { userId: person.caller.id }, admin));
    expect(report.kept.length).toBeGreaterThan(0);
    expect(await activity("gdpr.erasure_performed", person.caller.id)).toEqual([
      expect.objectContaining({
        userId: admin.caller.id,
        entityType: "user",
        metadata: { kept: report.kept.map((entry) => entry.table) },
      }),
    ]);
  });
});

describe("exportPersonalData", () => {
  it("refuses a missing person, and logs who asked for whose data", async () => {
    const admin = await seeded.as(ACTORS.admin);
    expect(await attempt(admin, () => exportPersonalData(seeded.deps, { userId: MISSING }, admin))).toMatchObject({
      code: "not_found",
      message: "No such user.",
    });
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    await runForRequest(admin, () => exportPersonalData(seeded.deps, { userId: buyer.caller.id }, admin));
    expect(await activity("gdpr.export_requested", buyer.caller.id)).toEqual([
      expect.objectContaining({ userId: admin.caller.id, entityType: "user" }),
    ]);
  });
});
