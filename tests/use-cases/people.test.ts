// People as use cases, without HTTP: buyers' and advisors' profiles, matches, advisors acting on
// listings, admins' moderation, and a person's own data.

import { describe, expect, it } from "vitest";
import { logIn } from "../../functions/accounts/log-in.ts";
import { reinstateUser } from "../../functions/admin/reinstate-user.ts";
import { searchUsers } from "../../functions/admin/search-users.ts";
import { suspendUser } from "../../functions/admin/suspend-user.ts";
import { takeDownListing } from "../../functions/admin/take-down-listing.ts";
import { verifyUser } from "../../functions/admin/verify-user.ts";
import { assignAdvisor } from "../../functions/advisors/assign-advisor.ts";
import { getAdvisorProfile } from "../../functions/advisors/get-advisor-profile.ts";
import { listAdvisors } from "../../functions/advisors/list-advisors.ts";
import { saveAdvisorProfile } from "../../functions/advisors/save-advisor-profile.ts";
import { deleteBuyerProfile } from "../../functions/buyer-profiles/delete-buyer-profile.ts";
import { getBuyerProfile } from "../../functions/buyer-profiles/get-buyer-profile.ts";
import { saveBuyerProfile } from "../../functions/buyer-profiles/save-buyer-profile.ts";
import { USER_RETENTION_DAYS } from "../../functions/domain/retention-periods.ts";
import { exportPersonalData } from "../../functions/gdpr/export-personal-data.ts";
import { requestErasure } from "../../functions/gdpr/request-erasure.ts";
import { listInterestedBuyers } from "../../functions/matches/list-interested-buyers.ts";
import { listMyMatches } from "../../functions/matches/list-my-matches.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();

describe("buyer profiles and matches", () => {
  it("are for buyers; deleting a profile hides its matches until it is saved again", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const seller = await seeded.as(ACTORS.ownerSeller);
    expect(codeOf(await attempt(seller, () => getBuyerProfile(seeded.deps, {}, seller)))).toBe("forbidden");
    expect(codeOf(await attempt(seller, () => listMyMatches(seeded.deps, {}, seller)))).toBe("forbidden");

    const { items: matches } = await runForRequest(buyer, () => listMyMatches(seeded.deps, {}, buyer));
    expect(matches.length).toBeGreaterThan(0);
    const scores = matches.map((match) => match.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    await runForRequest(buyer, () => deleteBuyerProfile(seeded.deps, {}, buyer));
    expect(codeOf(await attempt(buyer, () => getBuyerProfile(seeded.deps, {}, buyer)))).toBe("not_found");
    expect(await runForRequest(buyer, () => listMyMatches(seeded.deps, {}, buyer))).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(codeOf(await attempt(buyer, () => deleteBuyerProfile(seeded.deps, {}, buyer)))).toBe("not_found");

    const saved = await runForRequest(buyer, () =>
      saveBuyerProfile(
        seeded.deps,
        {
          headline: "IT services in the North West",
          sicCodes: ["62"],
          regions: ["NORTH_WEST"],
          maxPricePence: 300_000_000,
        },
        buyer,
      ),
    );
    expect(saved).toMatchObject({ deletedAt: null, maxPrice: 300_000_000n, minPrice: null, fundingSource: null });
    expect((await runForRequest(buyer, () => listMyMatches(seeded.deps, {}, buyer))).items.length).toBe(matches.length);
  });

  it("show a listing's manager its matched buyers, named only once they have inquired", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const businessId = BUSINESS.confidentialPublished;
    expect(codeOf(await attempt(buyer, () => listInterestedBuyers(seeded.deps, { businessId }, buyer)))).toBe(
      "forbidden",
    );
    const interested = await runForRequest(seller, () => listInterestedBuyers(seeded.deps, { businessId }, seller));
    expect(interested.length).toBeGreaterThan(0);
    for (const { buyer: shown } of interested) {
      expect(shown.reference).toMatch(/^buyer-[0-9a-f]{8}$/);
      expect(shown.name === null).toBe(!shown.hasInquired);
    }
    const again = await runForRequest(seller, () => listInterestedBuyers(seeded.deps, { businessId }, seller));
    expect(again.map((entry) => entry.buyer.reference)).toEqual(interested.map((entry) => entry.buyer.reference));
  });
});

describe("advisors", () => {
  it("keep a profile with an encrypted AML number, and act on a listing only when AML-registered", async () => {
    const advisor = await seeded.as(ACTORS.advisorOffDeal);
    const seller = await seeded.as(ACTORS.otherSeller);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const fields = {
      firmName: "Turner Associates",
      advisorType: "BUSINESS_BROKER" as const,
      regions: ["LONDON" as const],
    };
    expect(codeOf(await attempt(buyer, () => saveAdvisorProfile(seeded.deps, fields, buyer)))).toBe("forbidden");

    const unregistered = await runForRequest(advisor, () =>
      saveAdvisorProfile(seeded.deps, { ...fields, amlSupervisor: null, amlRegistrationNumber: null }, advisor),
    );
    const attach = (advisorProfileId: string | null) =>
      attempt(seller, () =>
        assignAdvisor(seeded.deps, { businessId: BUSINESS.openPublished, advisorProfileId }, seller),
      );
    expect(codeOf(await attach(unregistered.id))).toBe("conflict");

    const registered = await runForRequest(advisor, () =>
      saveAdvisorProfile(
        seeded.deps,
        { ...fields, amlSupervisor: "HMRC", amlRegistrationNumber: "XDML00000104729" },
        advisor,
      ),
    );
    expect(registered.amlRegistrationNumber).toBe("XDML00000104729");
    const stored = await seeded.db.prisma.advisorProfile.findUniqueOrThrow({ where: { id: registered.id } });
    expect(stored.amlRegistrationNumber).not.toContain("XDML");
    expect((await runForRequest(advisor, () => getAdvisorProfile(seeded.deps, {}, advisor))).id).toBe(registered.id);
    const directory = await runForRequest(buyer, () => listAdvisors(seeded.deps, { region: "LONDON" }, buyer));
    expect(directory.map((profile) => profile.id)).toContain(registered.id);

    expect(codeOf(await attach(registered.id))).toBe("succeeded");
    const listing = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } });
    expect(listing.advisorId).toBe(registered.id);
    expect(codeOf(await attach(null))).toBe("succeeded");
    const buyerAttaching = await attempt(buyer, () =>
      assignAdvisor(seeded.deps, { businessId: BUSINESS.openPublished, advisorProfileId: null }, buyer),
    );
    expect(codeOf(buyerAttaching)).toBe("forbidden");
  });
});

describe("admin", () => {
  it("verifies, suspends (never an admin) and reinstates people, and takes a listing down once", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const [person] = await runForRequest(admin, () => searchUsers(seeded.deps, { q: "laura.chen", limit: 5 }, admin));
    expect(person?.email).toBe(ACTORS.buyerWithoutNda);
    expect(person?.phone === null || person?.phone?.startsWith("+44")).toBe(true);
    const userId = person!.id;

    await logIn(seeded.deps, { email: ACTORS.buyerWithoutNda, password: DEVELOPMENT_PASSWORD }, admin);
    const live = () => seeded.db.prisma.session.count({ where: { userId, revokedAt: null } });
    expect(await live()).toBe(1);
    const verified = await runForRequest(admin, () => verifyUser(seeded.deps, { userId }, admin));
    expect(verified).toMatchObject({ verifiedAt: admin.receivedAt, verifiedById: admin.caller.id });
    const suspended = await runForRequest(admin, () =>
      suspendUser(seeded.deps, { userId, reason: "Chargeback" }, admin),
    );
    expect(suspended.status).toBe("SUSPENDED");
    expect(await live()).toBe(0);
    const adminSuspended = await attempt(admin, () =>
      suspendUser(seeded.deps, { userId: admin.caller.id, reason: "Testing" }, admin),
    );
    expect(codeOf(adminSuspended)).toBe("conflict");
    expect((await runForRequest(admin, () => reinstateUser(seeded.deps, { userId }, admin))).status).toBe("ACTIVE");

    const takeDown = () =>
      attempt(admin, () =>
        takeDownListing(seeded.deps, { businessId: BUSINESS.underOffer, reason: "Misleading figures" }, admin),
      );
    expect(await takeDown()).toMatchObject({ status: "ARCHIVED" });
    expect(codeOf(await takeDown())).toBe("invalid_transition");
  });
});

describe("a person's own data", () => {
  it("exports what is held about them, and closes their account on an erasure request (not an admin's)", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const admin = await seeded.as(ACTORS.admin);
    const archive = await runForRequest(buyer, () =>
      exportPersonalData(seeded.deps, { userId: buyer.caller.id }, buyer),
    );
    expect(JSON.stringify(archive)).toContain(ACTORS.buyerWithoutNda);

    expect(codeOf(await attempt(admin, () => requestErasure(seeded.deps, {}, admin)))).toBe("forbidden");
    const erasure = await runForRequest(buyer, () => requestErasure(seeded.deps, {}, buyer));
    expect(erasure.erasureDueBy.getTime() - erasure.requestedAt.getTime()).toBe(USER_RETENTION_DAYS * 86_400_000);
    const closed = await seeded.db.prisma.user.findFirstOrThrow({
      where: { id: buyer.caller.id, deletedAt: undefined },
    });
    expect(closed.deletedAt).toEqual(buyer.receivedAt);
  });
});
