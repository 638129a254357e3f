import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CURRENT_NDA_VERSION } from "../../functions/domain/inquiry-status.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { seedTestData } from "../support/seed.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const CARE_HOME = stableId("business-5"); // confidential, published, seller grace.okafor, no advisor

interface InquiryBody {
  id: string;
  status: string;
  dealRoomId: string | null;
  nda: { version: string } | null;
}

describe("inquiries, NDA and the deal room", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];
  let buyer: string;
  let seller: string;
  let otherSeller: string;
  let advisor: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
    buyer = await loginAs(app, "emma.wilson@wilsonfamilyoffice.co.uk");
    seller = await loginAs(app, "grace.okafor@surreyhomecare.co.uk");
    otherSeller = await loginAs(app, "amelia.clarke@crumbandco.co.uk");
    advisor = await loginAs(app, "sophie.reid@reidcorporatefinance.co.uk");
  });
  afterAll(() => db.drop());

  const inquire = (
    token: string,
    businessId = CARE_HOME,
    message = "We would like to learn more about the business.",
  ) => call(app, "POST", `/businesses/${businessId}/inquiries`, { token, body: { message } });

  it("runs the whole flow: inquiry, acceptance, NDA, identity revealed, deal room joined", async () => {
    const before = (await (await call(app, "GET", `/businesses/${CARE_HOME}`, { token: buyer })).json()) as {
      identityVisible: boolean;
    };
    expect(before.identityVisible).toBe(false);

    const created = await inquire(buyer);
    expect(created.status).toBe(201);
    const inquiry = (await created.json()) as InquiryBody;
    expect(inquiry).toMatchObject({ status: "PENDING", dealRoomId: null, nda: null });

    const sellerView = (await (await call(app, "GET", "/inquiries?status=PENDING", { token: seller })).json()) as {
      items: { id: string }[];
    };
    expect(sellerView.items.map((item) => item.id)).toContain(inquiry.id);

    const accepted = (await (
      await call(app, "POST", `/inquiries/${inquiry.id}/accept`, { token: seller })
    ).json()) as InquiryBody;
    expect(accepted.status).toBe("ACCEPTED");
    expect(accepted.dealRoomId).not.toBeNull();
    const membersBefore = await db.prisma.dealRoomMember.findMany({ where: { dealRoomId: accepted.dealRoomId! } });
    expect(membersBefore.map((member) => member.role)).toEqual(["OWNER"]);

    const wrongVersion = await problemOf(
      await call(app, "POST", `/inquiries/${inquiry.id}/nda`, { token: buyer, body: { ndaVersion: "2019-01" } }),
    );
    expect(wrongVersion.errors?.[0]).toMatchObject({ field: "ndaVersion" });
    const signed = await call(app, "POST", `/inquiries/${inquiry.id}/nda`, {
      token: buyer,
      body: { ndaVersion: CURRENT_NDA_VERSION },
    });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as InquiryBody).nda).toMatchObject({ version: CURRENT_NDA_VERSION });

    const stored = await db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(stored.ndaAcceptedAt).not.toBeNull();
    const members = await db.prisma.dealRoomMember.findMany({
      where: { dealRoomId: accepted.dealRoomId! },
      orderBy: { role: "asc" },
    });
    expect(members.map((member) => member.role).sort()).toEqual(["BUYER", "OWNER"]);

    const after = (await (await call(app, "GET", `/businesses/${CARE_HOME}`, { token: buyer })).json()) as {
      identityVisible: boolean;
      tradingName: string;
    };
    expect(after).toMatchObject({ identityVisible: true, tradingName: "Surrey Home Care Ltd" });

    const twice = await problemOf(
      await call(app, "POST", `/inquiries/${inquiry.id}/nda`, {
        token: buyer,
        body: { ndaVersion: CURRENT_NDA_VERSION },
      }),
    );
    expect([twice.status, twice.code]).toEqual([409, "invalid_transition"]);
  });

  it("allows one live inquiry per buyer and listing", async () => {
    const problem = await problemOf(await inquire(buyer));
    expect([problem.status, problem.code]).toEqual([409, "conflict"]);
  });

  it("takes inquiries from buyers only, on published listings only", async () => {
    expect((await problemOf(await inquire(seller, BUSINESS.openPublished))).code).toBe("forbidden");
    expect((await problemOf(await inquire(advisor, BUSINESS.openPublished))).code).toBe("forbidden");
    expect((await problemOf(await inquire(buyer, BUSINESS.draft))).code).toBe("not_found");
    expect((await problemOf(await inquire(buyer, BUSINESS.underOffer))).code).toBe("invalid_transition");
  });

  it("lets only the seller answer and only the buyer withdraw or sign, from the right states", async () => {
    const inquiry = (await (await inquire(buyer, BUSINESS.openPublished)).json()) as InquiryBody;
    expect((await problemOf(await call(app, "POST", `/inquiries/${inquiry.id}/accept`, { token: buyer }))).code).toBe(
      "forbidden",
    );
    expect((await problemOf(await call(app, "POST", `/inquiries/${inquiry.id}/accept`, { token: seller }))).code).toBe(
      "not_found",
    );
    const signEarly = await problemOf(
      await call(app, "POST", `/inquiries/${inquiry.id}/nda`, {
        token: buyer,
        body: { ndaVersion: CURRENT_NDA_VERSION },
      }),
    );
    expect(signEarly.code).toBe("invalid_transition");

    // The listing's seller and the buyer race: decline against withdraw. One wins, one gets 409.
    const [declined, withdrawn] = await Promise.all([
      call(app, "POST", `/inquiries/${inquiry.id}/decline`, { token: otherSeller }),
      call(app, "POST", `/inquiries/${inquiry.id}/withdraw`, { token: buyer }),
    ]);
    expect([declined.status, withdrawn.status].sort()).toEqual([200, 409]);
    const final = await db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(final.status).toBe(declined.status === 200 ? "DECLINED" : "WITHDRAWN");
    const again = await problemOf(await call(app, "POST", `/inquiries/${inquiry.id}/accept`, { token: otherSeller }));
    expect(again.code).toBe("invalid_transition");
  });

  it("moves a pending inquiry only: declined by the seller, withdrawn by the buyer, answered ones stay", async () => {
    const listing = BUSINESS.confidentialPublished;
    const listingSeller = await loginAs(app, "david.hughes@northpoint-it.co.uk");
    // One inquiry per buyer and listing, ever: a buyer each.
    const open = async (email: string) => {
      const buyerToken = await loginAs(app, email);
      const created = await inquire(buyerToken, listing);
      expect(created.status, await created.clone().text()).toBe(201);
      return { id: ((await created.json()) as InquiryBody).id, buyerToken };
    };
    const act = (id: string, action: string, token: string) =>
      call(app, "POST", `/inquiries/${id}/${action}`, { token });

    const declined = await open("mark.jones@jonesretail.co.uk");
    expect((await problemOf(await act(declined.id, "decline", declined.buyerToken))).code).toBe("forbidden");
    expect((await problemOf(await act(declined.id, "withdraw", listingSeller))).code).toBe("forbidden");
    const declinedNow = (await (await act(declined.id, "decline", listingSeller)).json()) as InquiryBody;
    expect(declinedNow.status).toBe("DECLINED");
    const withdrawn = await open("priya.sharma@careventures.co.uk");
    const withdrawnNow = (await (await act(withdrawn.id, "withdraw", withdrawn.buyerToken)).json()) as InquiryBody;
    expect(withdrawnNow.status).toBe("WITHDRAWN");

    for (const [status, { id, buyerToken }] of [
      ["DECLINED", declined],
      ["WITHDRAWN", withdrawn],
    ] as const) {
      for (const [action, token] of [
        ["accept", listingSeller],
        ["decline", listingSeller],
        ["withdraw", buyerToken],
      ] as const) {
        const problem = await problemOf(await act(id, action, token));
        expect([problem.status, problem.code], `${action} on ${status}`).toEqual([409, "invalid_transition"]);
      }
      expect((await db.prisma.inquiry.findUniqueOrThrow({ where: { id } })).status).toBe(status);
    }
    const accepted = await open("sarah.whitfield@midlandsindustrial.co.uk");
    const acceptedNow = (await (await act(accepted.id, "accept", listingSeller)).json()) as InquiryBody;
    expect(acceptedNow.status).toBe("ACCEPTED");
    for (const [action, token] of [
      ["decline", listingSeller],
      ["withdraw", accepted.buyerToken],
      ["accept", listingSeller],
    ] as const) {
      const problem = await problemOf(await act(accepted.id, action, token));
      expect([problem.status, problem.code], `${action} on ACCEPTED`).toEqual([409, "invalid_transition"]);
    }
  });
});
