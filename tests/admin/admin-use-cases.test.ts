// The admin's use cases, rule by rule: finding people (each filter, paging by e-mail), acting on
// an account (what is recorded, what other parts of the system are told), taking a listing down,
// and reading the activity log and the audit trail through each of their filters.
import { describe, expect, it } from "vitest";
import { ActivityAction, recordActivity } from "../../functions/activity/record-activity.ts";
import { readActivityLog } from "../../functions/admin/read-activity-log.ts";
import { readAuditTrail } from "../../functions/admin/read-audit-trail.ts";
import { reinstateUser } from "../../functions/admin/reinstate-user.ts";
import { searchUsers } from "../../functions/admin/search-users.ts";
import { suspendUser } from "../../functions/admin/suspend-user.ts";
import { takeDownListing } from "../../functions/admin/take-down-listing.ts";
import { verifyUser } from "../../functions/admin/verify-user.ts";
import { runWithDatabaseSession } from "../../functions/db/database-session.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const MISSING = stableId("no-such-person");
const minutesLater = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);
const eventsAbout = async (subjectId: string) =>
  (await seeded.db.prisma.outboxEvent.findMany({ where: { subjectId } })).map((event) => event.kind);

describe("searchUsers", () => {
  it("finds people by part of an e-mail or name in any case, by phone however typed, by role and status, in e-mail order", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const search = (filter: Parameters<typeof searchUsers>[1]) =>
      runForRequest(admin, () => searchUsers(seeded.deps, filter, admin));
    const emails = async (filter: Parameters<typeof searchUsers>[1]) =>
      (await search(filter)).map((user) => user.email);

    expect(await emails({ q: "HUGHES", limit: 10 })).toEqual([ACTORS.ownerSeller]);
    expect(await emails({ q: "amelia cla", limit: 10 })).toEqual([ACTORS.otherSeller]);
    expect(await emails({ phone: "0161 496 0201", limit: 10 })).toEqual([ACTORS.ownerSeller]);
    const found = await search({ phone: "0161 496 0201", limit: 10 });
    expect(found[0]!.phone).toBe("+44 161 496 0201"); // given back in the clear, as typed

    const advisors = await emails({ role: "ADVISOR", limit: 100 });
    const storedAdvisors = await seeded.db.prisma.user.findMany({
      where: { role: "ADVISOR", deletedAt: null },
      orderBy: { email: "asc" },
    });
    expect(advisors).toEqual(storedAdvisors.map((user) => user.email));

    // Paged by the last e-mail of the page before.
    const firstPage = await emails({ role: "ADVISOR", limit: 1 });
    const nextPage = await emails({ role: "ADVISOR", limit: 1, after: firstPage[0] });
    expect([...firstPage, ...nextPage]).toEqual(advisors.slice(0, 2));

    // Suspended, and deleted (never found).
    const suspendedEmail = "fiona.mackenzie@tummelhouse.co.uk";
    await seeded.db.prisma.user.updateMany({ where: { email: suspendedEmail }, data: { status: "SUSPENDED" } });
    expect(await emails({ status: "SUSPENDED", limit: 10 })).toEqual([suspendedEmail]);
    await seeded.db.prisma.user.updateMany({ where: { email: suspendedEmail }, data: { deletedAt: TEST_NOW } });
    expect(await emails({ q: "fiona", limit: 10 })).toEqual([]);
  });
});

describe("acting on an account", () => {
  it("refuses an unknown person, saying so", async () => {
    const admin = await seeded.as(ACTORS.admin);
    for (const act of [
      () => verifyUser(seeded.deps, { userId: MISSING }, admin),
      () => suspendUser(seeded.deps, { userId: MISSING, reason: "x" }, admin),
      () => reinstateUser(seeded.deps, { userId: MISSING }, admin),
    ]) {
      expect(await attempt(admin, act)).toMatchObject({ code: "not_found", message: "No such user." });
    }
  });

  it("suspends with the reason recorded and matching told, never an admin; reinstating tells matching too", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    expect(
      await attempt(admin, () => suspendUser(seeded.deps, { userId: admin.caller.id, reason: "x" }, admin)),
    ).toMatchObject({ code: "conflict", message: "Admins cannot be suspended here." });

    await runForRequest(admin, () =>
      suspendUser(seeded.deps, { userId: buyer.caller.id, reason: "Chargeback on a deposit" }, admin),
    );
    const logged = await seeded.db.prisma.activityLog.findMany({
      where: { action: "admin.user_suspended", entityId: buyer.caller.id },
    });
    expect(logged.map((row) => [row.userId, row.entityType, row.metadata, row.occurredAt])).toEqual([
      [admin.caller.id, "user", { reason: "Chargeback on a deposit" }, admin.receivedAt],
    ]);
    expect(await eventsAbout(buyer.caller.id)).toEqual(["buyer.changed"]);

    await seeded.db.prisma.outboxEvent.deleteMany({ where: { subjectId: buyer.caller.id } });
    const reinstated = await runForRequest(admin, () => reinstateUser(seeded.deps, { userId: buyer.caller.id }, admin));
    expect(reinstated.status).toBe("ACTIVE");
    expect(await eventsAbout(buyer.caller.id)).toEqual(["buyer.changed"]);
  });
});

describe("takeDownListing", () => {
  it("archives a listing whatever its status, keeps the reason and the status it had, and tells matching", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const businessId = BUSINESS.openPublished;
    const takenDown = await runForRequest(admin, () =>
      takeDownListing(seeded.deps, { businessId, reason: "Prohibited business" }, admin),
    );
    expect(takenDown.status).toBe("ARCHIVED");
    const logged = await seeded.db.prisma.activityLog.findMany({
      where: { action: "admin.listing_taken_down", entityId: businessId },
    });
    expect(logged.map((row) => [row.userId, row.entityType, row.metadata])).toEqual([
      [admin.caller.id, "business", { reason: "Prohibited business", previousStatus: "PUBLISHED" }],
    ]);
    expect(await eventsAbout(businessId)).toContain("listing.changed");
    expect(
      await attempt(admin, () => takeDownListing(seeded.deps, { businessId, reason: "Again" }, admin)),
    ).toMatchObject({ code: "invalid_transition", message: "The listing is already archived." });
    expect(
      await attempt(admin, () => takeDownListing(seeded.deps, { businessId: MISSING, reason: "x" }, admin)),
    ).toMatchObject({ code: "not_found", message: "No such business." });
  });
});

describe("readActivityLog, readAuditTrail", () => {
  it("read the activity log newest first (ties by id), through each filter", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const person = await seeded.as(ACTORS.advisorOffDeal);
    const record = (minutes: number, extra: Partial<Parameters<typeof recordActivity>[1]> = {}) =>
      runWithDatabaseSession({ system: true }, () =>
        recordActivity(seeded.db.prisma, {
          action: ActivityAction.listingsSearched,
          userId: person.caller.id,
          entityType: "filter-test",
          entityId: `entity-${minutes}`,
          occurredAt: minutesLater(minutes),
          ...extra,
        }),
      );
    await record(10);
    await record(30);
    await record(30, { entityId: "entity-30b" }); // recorded later, same instant: reads first
    await record(20, { securityFlag: "failed_login_burst_ip", entityType: "filter-test-flagged" });
    const read = async (filter: Omit<Parameters<typeof readActivityLog>[1], "limit">) =>
      (await runForRequest(admin, () => readActivityLog(seeded.deps, { limit: 100, ...filter }, admin)))
        .filter((row) => row.entityType?.startsWith("filter-test"))
        .map((row) => row.entityId);

    expect(await read({ userId: person.caller.id })).toEqual(["entity-30b", "entity-30", "entity-20", "entity-10"]);
    expect(await read({ entityType: "filter-test" })).toEqual(["entity-30b", "entity-30", "entity-10"]);
    expect(await read({ entityId: "entity-10" })).toEqual(["entity-10"]);
    expect(await read({ action: ActivityAction.listingsSearched, since: minutesLater(20) })).toEqual([
      "entity-30b",
      "entity-30",
      "entity-20",
    ]);
    expect(await read({ userId: person.caller.id, flagged: true })).toEqual(["entity-20"]);
    expect(await read({ userId: person.caller.id, flagged: false })).toEqual(["entity-30b", "entity-30", "entity-10"]);
    const limited = await runForRequest(admin, () =>
      readActivityLog(seeded.deps, { userId: person.caller.id, limit: 2 }, admin),
    );
    expect(limited.map((row) => row.entityId)).toEqual(["entity-30b", "entity-30"]);
  });

  it("read the audit trail newest first, through each filter", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const target = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
    const requestId = "audit-filter-test";
    for (const name of ["Laura A. Chen", "Laura B. Chen"]) {
      await runWithDatabaseSession({ userId: admin.caller.id, requestId, now: admin.receivedAt }, () =>
        seeded.deps.prisma.user.update({ where: { id: target.id }, data: { name } }),
      );
    }
    const read = (filter: Omit<Parameters<typeof readAuditTrail>[1], "limit">, limit = 100) =>
      runForRequest(admin, () => readAuditTrail(seeded.deps, { limit, ...filter }, admin));

    const byRequest = await read({ requestId });
    expect(byRequest.map((row) => [row.tableName, row.rowId, row.actorUserId])).toEqual([
      ["users", target.id, admin.caller.id],
      ["users", target.id, admin.caller.id],
    ]);
    expect(byRequest[0]!.id > byRequest[1]!.id).toBe(true);
    expect(byRequest.every((row) => row.changedColumns.includes("name"))).toBe(true);
    const ids = (rows: { id: bigint }[]) => rows.map((row) => row.id);
    expect(ids(await read({ tableName: "users", rowId: target.id, actorUserId: admin.caller.id }))).toEqual(
      ids(byRequest),
    );
    expect(await read({ tableName: "businesses", requestId })).toEqual([]);
    expect(await read({ rowId: stableId("no-row"), requestId })).toEqual([]);
    expect(await read({ actorUserId: target.id, requestId })).toEqual([]);
    expect(ids(await read({ requestId }, 1))).toEqual([byRequest[0]!.id]);
  });
});
