// Who sees a listing, its identity and its figures, at each step of a buyer's way in: a pending
// inquiry, an accepted one with the NDA still unsigned, a signed NDA, and an inquiry that no
// longer counts; and which statuses the public may see.
import { beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call } from "../support/api-client.ts";
import { type ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import type { TestDatabase } from "../support/test-database.ts";

const LAURAS_INQUIRY = stableId("inquiry-5"); // laura.chen (buyerWithoutNda) on business-1: pending

describe("listing access: the NDA gate and public statuses", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];
  let token: SeededApp["token"];

  beforeAll(() => {
    ({ db, app, token } = seeded);
  });

  /** What laura.chen sees of confidential business-1: its identity, and whether its figures. */
  async function whatTheBuyerSees() {
    const listing = (await (
      await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}`, { token: token("buyerWithoutNda") })
    ).json()) as { identityVisible: boolean; tradingName?: string | null };
    const financials = await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}/financials`, {
      token: token("buyerWithoutNda"),
    });
    return {
      identity: listing.identityVisible,
      tradingName: listing.tradingName ?? null,
      financials: financials.status,
    };
  }
  const setInquiry = (data: Parameters<TestDatabase["prisma"]["inquiry"]["update"]>[0]["data"]) =>
    db.prisma.inquiry.update({ where: { id: LAURAS_INQUIRY, deletedAt: undefined }, data });

  it("reveals a confidential listing's identity and figures only once the NDA is signed, and only while the inquiry counts", async () => {
    const hidden = { identity: false, tradingName: null, financials: 403 };
    const shown = { identity: true, tradingName: "Northpoint IT Services Ltd", financials: 200 };
    expect(await whatTheBuyerSees()).toEqual(hidden);

    await setInquiry({ status: "ACCEPTED", respondedAt: TEST_NOW });
    expect(await whatTheBuyerSees(), "accepted, NDA not signed").toEqual(hidden);

    await setInquiry({ ndaVersion: "2026-01", ndaAcceptedAt: TEST_NOW });
    expect(await whatTheBuyerSees(), "NDA signed").toEqual(shown);

    await setInquiry({ deletedAt: TEST_NOW });
    expect(await whatTheBuyerSees(), "inquiry deleted").toEqual(hidden);

    await setInquiry({ deletedAt: null });
    expect(await whatTheBuyerSees(), "inquiry restored").toEqual(shown);
    // An NDA on an inquiry that is not accepted cannot exist (CHECK inquiries_nda_only_when_accepted).
    await setInquiry({ status: "PENDING", respondedAt: null, ndaVersion: null, ndaAcceptedAt: null });
  });

  it("lets anyone see published, under-offer and sold listings; drafts and archived ones only their seller", async () => {
    const listing = BUSINESS.openPublished;
    const statusFor = async (actor: keyof typeof ACTORS | "anonymous") =>
      (await call(app, "GET", `/businesses/${listing}`, actor === "anonymous" ? {} : { token: token(actor) })).status;
    for (const [status, publicStatus] of [
      ["PUBLISHED", 200],
      ["UNDER_OFFER", 200],
      ["SOLD", 200],
      ["DRAFT", 404],
      ["ARCHIVED", 404],
    ] as const) {
      await db.prisma.business.update({ where: { id: listing }, data: { status } });
      expect([await statusFor("anonymous"), await statusFor("buyerWithNda")], status).toEqual([
        publicStatus,
        publicStatus,
      ]);
      expect([await statusFor("otherSeller"), await statusFor("admin")], `${status}, seller and admin`).toEqual([
        200, 200,
      ]);
    }
    await db.prisma.business.update({ where: { id: listing }, data: { status: "PUBLISHED" } });
  });
});
