// Who may see and manage a listing (functions/listings/listing-access.ts), asked of the rule
// directly: the routes and use cases built on it are tested through it elsewhere, but not every
// fact it returns is read by each of them.

import { describe, expect, it } from "vitest";
import {
  decideBusinessAccess,
  loadBusinessFor,
  loadBusinessForFinancials,
  loadBusinessForOwner,
} from "../../functions/listings/listing-access.ts";
import type { Caller } from "../../functions/requests/request-context.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { attempt, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const callerOf = async (email: string): Promise<Caller> => (await seeded.as(email)).caller;
const access = async (businessId: string, email?: string) => {
  const { isManager, isAdvisor, seesIdentity } = await loadBusinessFor(
    seeded.db.prisma,
    businessId,
    email ? await callerOf(email) : undefined,
  );
  return { isManager, isAdvisor, seesIdentity };
};

describe("loadBusinessFor", () => {
  it("shows a confidential listing's identity to its seller, advisor, admins and NDA holders only", async () => {
    const listing = BUSINESS.confidentialPublished;
    expect(await access(listing, ACTORS.ownerSeller)).toEqual({
      isManager: true,
      isAdvisor: false,
      seesIdentity: true,
    });
    expect(await access(listing, ACTORS.advisorOnDeal)).toEqual({
      isManager: true,
      isAdvisor: true,
      seesIdentity: true,
    });
    expect(await access(listing, ACTORS.admin)).toEqual({ isManager: true, isAdvisor: false, seesIdentity: true });
    expect(await access(listing, ACTORS.buyerWithNda)).toEqual({
      isManager: false,
      isAdvisor: false,
      seesIdentity: true,
    });
    for (const email of [ACTORS.buyerWithoutNda, ACTORS.advisorOffDeal, ACTORS.otherSeller, undefined]) {
      expect(await access(listing, email), email ?? "anonymous").toEqual({
        isManager: false,
        isAdvisor: false,
        seesIdentity: false,
      });
    }
  });

  it("shows an open listing's identity to everyone, and hides drafts and missing listings alike", async () => {
    expect(await access(BUSINESS.openPublished)).toEqual({ isManager: false, isAdvisor: false, seesIdentity: true });
    const stranger = await callerOf(ACTORS.buyerWithNda);
    for (const id of [BUSINESS.draft, "00000000-0000-4000-8000-000000000000"]) {
      await expect(loadBusinessFor(seeded.db.prisma, id, stranger)).rejects.toMatchObject({
        code: "not_found",
        message: "No such business.",
      });
    }
    expect((await access(BUSINESS.draft, ACTORS.ownerSeller)).isManager).toBe(true);
  });
});

describe("decideBusinessAccess", () => {
  it("never treats an anonymous caller as advisor or NDA holder, whatever the facts say", async () => {
    const business = await seeded.db.prisma.business.findUniqueOrThrow({
      where: { id: BUSINESS.confidentialPublished },
    });
    const decided = await decideBusinessAccess(business, undefined, { isAdvisor: true, hasAcceptedNda: () => true });
    expect(decided).toMatchObject({ isManager: false, isAdvisor: false, seesIdentity: false });
  });

  it("asks about the NDA only when it decides something", async () => {
    const confidential = await seeded.db.prisma.business.findUniqueOrThrow({
      where: { id: BUSINESS.confidentialPublished },
    });
    const open = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } });
    const buyer = await callerOf(ACTORS.buyerWithoutNda);
    let asked = 0;
    const facts = {
      isAdvisor: false,
      hasAcceptedNda: () => {
        asked += 1;
        return true;
      },
    };
    expect((await decideBusinessAccess(open, buyer, facts)).seesIdentity).toBe(true);
    expect(asked).toBe(0);
    expect((await decideBusinessAccess(confidential, buyer, facts)).seesIdentity).toBe(true);
    expect(asked).toBe(1);
  });
});

describe("loadBusinessForOwner, loadBusinessForFinancials", () => {
  it("let only the seller or an admin change a listing", async () => {
    const listing = BUSINESS.confidentialPublished;
    for (const email of [ACTORS.ownerSeller, ACTORS.admin]) {
      expect((await loadBusinessForOwner(seeded.db.prisma, listing, await callerOf(email))).id).toBe(listing);
    }
    await expect(
      loadBusinessForOwner(seeded.db.prisma, listing, await callerOf(ACTORS.advisorOnDeal)),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: "Only the listing's seller (or an admin) can do this.",
    });
  });

  it("share figures with NDA holders to read, and with the seller's side to change", async () => {
    const listing = BUSINESS.confidentialPublished;
    const figures = async (email: string, mode: "read" | "write") => {
      const request = await seeded.as(email);
      return attempt(request, () => loadBusinessForFinancials(seeded.db.prisma, listing, request.caller, mode));
    };
    for (const email of [ACTORS.ownerSeller, ACTORS.advisorOnDeal, ACTORS.admin]) {
      expect(await figures(email, "write")).toMatchObject({ isManager: true });
    }
    expect(await figures(ACTORS.buyerWithNda, "read")).toMatchObject({ isManager: false, seesIdentity: true });
    expect(await figures(ACTORS.buyerWithNda, "write")).toMatchObject({
      code: "forbidden",
      message: "Only the listing's seller or advisor can change its figures.",
    });
    expect(await figures(ACTORS.buyerWithoutNda, "read")).toMatchObject({
      code: "forbidden",
      message: "Financial figures are shared with buyers once they accept the NDA.",
    });
  });
});
