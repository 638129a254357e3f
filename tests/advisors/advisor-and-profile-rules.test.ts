// Advisors' and buyers' profiles, rule by rule: who keeps one (and what they are told
// otherwise), the directory (active advisors only, by firm, filtered by region and kind), which
// advisors a seller may attach, and what deleting a buyer profile tells matching.
import { describe, expect, it } from "vitest";
import { assignAdvisor } from "../../functions/advisors/assign-advisor.ts";
import { getAdvisorProfile } from "../../functions/advisors/get-advisor-profile.ts";
import { listAdvisors } from "../../functions/advisors/list-advisors.ts";
import { saveAdvisorProfile } from "../../functions/advisors/save-advisor-profile.ts";
import { deleteBuyerProfile } from "../../functions/buyer-profiles/delete-buyer-profile.ts";
import { getBuyerProfile } from "../../functions/buyer-profiles/get-buyer-profile.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const REID = "sophie.reid@reidcorporatefinance.co.uk";

describe("who keeps a profile", () => {
  it("tells anyone else what each profile is for", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    const fields = { firmName: "x", advisorType: "ACCOUNTANT" as const, regions: [] };
    expect(await attempt(seller, () => saveAdvisorProfile(seeded.deps, fields, seller))).toMatchObject({
      code: "forbidden",
      message: "Only advisors keep advisor profiles.",
    });
    expect(await attempt(seller, () => getBuyerProfile(seeded.deps, {}, seller))).toMatchObject({
      code: "forbidden",
      message: "Only buyers keep acquisition profiles.",
    });
  });

  it("tells an advisor without a profile how to make one", async () => {
    const advisor = await seeded.as(ACTORS.advisorOffDeal);
    await seeded.db.prisma.advisorProfile.updateMany({
      where: { userId: advisor.caller.id },
      data: { deletedAt: advisor.receivedAt },
    });
    expect(await attempt(advisor, () => getAdvisorProfile(seeded.deps, {}, advisor))).toMatchObject({
      code: "not_found",
      message: "No advisor profile yet; save one with PUT /me/advisor-profile.",
    });
  });
});

describe("listAdvisors", () => {
  it("lists active advisors only, by firm name, by region and by kind", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const firms = async (filter: Parameters<typeof listAdvisors>[1]) =>
      (await runForRequest(buyer, () => listAdvisors(seeded.deps, filter, buyer))).map((profile) => profile.firmName);
    const everyone = await firms({});
    expect(everyone).toEqual([...everyone].sort());
    expect(everyone).toContain("Reid Corporate Finance");
    expect(await firms({ advisorType: "M_AND_A_ADVISER" })).toEqual(["Reid Corporate Finance"]);
    expect(await firms({ region: "SCOTLAND" })).toEqual(["Reid Corporate Finance"]);

    await seeded.db.prisma.user.updateMany({ where: { email: REID }, data: { status: "SUSPENDED" } });
    expect(await firms({})).not.toContain("Reid Corporate Finance");
    await seeded.db.prisma.user.updateMany({ where: { email: REID }, data: { status: "ACTIVE" } });
  });
});

describe("assignAdvisor", () => {
  it("attaches only an active, AML-registered advisor, saying why not", async () => {
    const seller = await seeded.as(ACTORS.otherSeller);
    const attach = (advisorProfileId: string | null) =>
      attempt(seller, () =>
        assignAdvisor(seeded.deps, { businessId: BUSINESS.openPublished, advisorProfileId }, seller),
      );
    expect(await attach(stableId("no-such-advisor"))).toMatchObject({ code: "not_found", message: "No such advisor." });

    const reid = await seeded.db.prisma.advisorProfile.findFirstOrThrow({ where: { user: { email: REID } } });
    await seeded.db.prisma.user.updateMany({ where: { email: REID }, data: { status: "SUSPENDED" } });
    expect(await attach(reid.id)).toMatchObject({ code: "not_found", message: "No such advisor." });
    await seeded.db.prisma.user.updateMany({ where: { email: REID }, data: { status: "ACTIVE" } });

    await seeded.db.prisma.advisorProfile.update({ where: { id: reid.id }, data: { amlRegistrationNumber: null } });
    expect(await attach(reid.id)).toMatchObject({
      code: "conflict",
      message: "This advisor has no AML registration on record, so cannot act on a sale.",
    });
    const listing = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } });
    expect(listing.advisorId).not.toBe(reid.id);
  });
});

describe("deleteBuyerProfile", () => {
  it("tells matching, and says when there is no profile to delete", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const profile = await seeded.db.prisma.buyerProfile.findFirstOrThrow({ where: { userId: buyer.caller.id } });
    await runForRequest(buyer, () => deleteBuyerProfile(seeded.deps, {}, buyer));
    const events = await seeded.db.prisma.outboxEvent.findMany({ where: { subjectId: profile.id } });
    expect(events.map((event) => event.kind)).toEqual(["buyer-profile.changed"]);
    expect(await attempt(buyer, () => deleteBuyerProfile(seeded.deps, {}, buyer))).toMatchObject({
      code: "not_found",
      message: "No buyer profile to delete.",
    });
  });
});
