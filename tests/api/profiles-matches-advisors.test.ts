import { beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf, signUp } from "../support/api-client.ts";
import { BUSINESS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import type { TestDatabase } from "../support/test-database.ts";

describe("buyer profiles, matches and advisors", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];
  let token: SeededApp["token"];

  beforeAll(() => {
    ({ db, app, token } = seeded);
  });

  it("lets a buyer read and replace their criteria, validated", async () => {
    const mine = (await (await call(app, "GET", "/me/buyer-profile", { token: token("buyerWithNda") })).json()) as {
      sicCodes: string[];
    };
    expect(mine.sicCodes).toEqual(["620"]);
    const bad = await problemOf(
      await call(app, "PUT", "/me/buyer-profile", {
        token: token("buyerWithNda"),
        body: { headline: "Growing IT group", sicCodes: ["6"], regions: [], minPricePence: 5, maxPricePence: 1 },
      }),
    );
    expect(bad.errors?.map((error) => error.field).sort()).toEqual(["maxPricePence", "sicCodes.0"]);
    const saved = await call(app, "PUT", "/me/buyer-profile", {
      token: token("buyerWithNda"),
      body: {
        headline: "Growing IT group",
        sicCodes: ["62", "J"].slice(0, 1),
        regions: ["LONDON"],
        maxPricePence: 300_000_000,
      },
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      sicCodes: ["62"],
      regions: ["LONDON"],
      maxPricePence: 300_000_000,
      minPricePence: null,
    });
    expect((await problemOf(await call(app, "GET", "/me/buyer-profile", { token: token("ownerSeller") }))).code).toBe(
      "forbidden",
    );
  });

  it("lets a buyer delete their profile (no more matches) and an advisor read theirs", async () => {
    const buyer = await loginAs(app, "mark.jones@jonesretail.co.uk");
    expect((await call(app, "DELETE", "/me/buyer-profile", { token: buyer })).status).toBe(204);
    expect((await problemOf(await call(app, "GET", "/me/buyer-profile", { token: buyer }))).code).toBe("not_found");
    const matches = (await (await call(app, "GET", "/me/matches", { token: buyer })).json()) as { items: unknown[] };
    expect(matches.items).toEqual([]);
    expect((await problemOf(await call(app, "DELETE", "/me/buyer-profile", { token: buyer }))).code).toBe("not_found");

    const mine = (await (await call(app, "GET", "/me/advisor-profile", { token: token("advisorOnDeal") })).json()) as {
      firmName: string;
    };
    expect(mine.firmName).toBe("Cole & Partners Business Brokers");
  });

  it("shows a buyer their matches, best first, explained, public listings only", async () => {
    const { items } = (await (await call(app, "GET", "/me/matches", { token: token("buyerWithoutNda") })).json()) as {
      items: { score: number; breakdown: { score: number; reason: string }[]; business: { id: string } }[];
    };
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((item) => item.score)).toEqual([...items.map((item) => item.score)].sort((a, b) => b - a));
    for (const item of items)
      expect(item.breakdown.reduce((sum, criterion) => sum + criterion.score, 0)).toBe(item.score);
    expect(items.map((item) => item.business.id)).not.toContain(BUSINESS.draft);
  });

  it("shows a seller interested buyers, anonymous until they inquire", async () => {
    const { items } = (await (
      await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}/interested-buyers`, {
        token: token("ownerSeller"),
      })
    ).json()) as { items: { buyer: { reference: string; name: string | null; hasInquired: boolean } }[] };
    const named = items.filter((item) => item.buyer.hasInquired).map((item) => item.buyer.name);
    expect(named).toContain("Tom Bradshaw");
    for (const item of items.filter((entry) => !entry.buyer.hasInquired)) {
      expect(item.buyer.name).toBeNull();
      expect(item.buyer.reference).toMatch(/^buyer-[0-9a-f]{8}$/);
    }
    const buyerAsks = await call(app, "GET", `/businesses/${BUSINESS.confidentialPublished}/interested-buyers`, {
      token: token("buyerWithNda"),
    });
    expect((await problemOf(buyerAsks)).code).toBe("forbidden");
  });

  it("lists advisors by region and attaches only AML-registered ones", async () => {
    const scotland = (await (
      await call(app, "GET", "/advisors?region=SCOTLAND", { token: token("ownerSeller") })
    ).json()) as {
      items: { id: string; name: string; amlRegistered: boolean }[];
    };
    expect(scotland.items.map((advisor) => advisor.name)).toEqual(["Sophie Reid"]);
    expect(scotland.items[0]!.amlRegistered).toBe(true);

    const attached = await call(app, "PUT", `/businesses/${BUSINESS.openPublished}/advisor`, {
      token: token("otherSeller"),
      body: { advisorProfileId: scotland.items[0]!.id },
    });
    expect(attached.status).toBe(204);
    expect((await db.prisma.business.findUniqueOrThrow({ where: { id: BUSINESS.openPublished } })).advisorId).toBe(
      scotland.items[0]!.id,
    );

    // A new advisor without an AML registration cannot be attached.
    const brokerToken = await signUp(app, seeded.deliverMail, {
      email: "unregistered.broker@example.co.uk",
      password: "a-long-enough-password",
      name: "New Broker",
      role: "ADVISOR",
    });
    const profile = (await (
      await call(app, "PUT", "/me/advisor-profile", {
        token: brokerToken,
        body: { firmName: "New Brokers Ltd", advisorType: "BUSINESS_BROKER" },
      })
    ).json()) as { id: string; amlRegistered: boolean };
    expect(profile.amlRegistered).toBe(false);
    const refused = await call(app, "PUT", `/businesses/${BUSINESS.openPublished}/advisor`, {
      token: token("otherSeller"),
      body: { advisorProfileId: profile.id },
    });
    expect(await problemOf(refused)).toMatchObject({ status: 409, code: "conflict" });

    // Registering later: the number is held encrypted and read back in the clear.
    const saved = (await (
      await call(app, "PUT", "/me/advisor-profile", {
        token: brokerToken,
        body: {
          firmName: "New Brokers Ltd",
          advisorType: "BUSINESS_BROKER",
          amlSupervisor: "HMRC",
          amlRegistrationNumber: "xdml00000999999",
        },
      })
    ).json()) as { amlRegistrationNumber: string; amlRegistered: boolean };
    expect(saved).toMatchObject({ amlRegistrationNumber: "XDML00000999999", amlRegistered: true });
    const atRest = await db.prisma.advisorProfile.findUniqueOrThrow({ where: { id: profile.id } });
    expect(atRest.amlRegistrationNumber).toMatch(/^v1:dev:/);
    expect(atRest.amlRegistrationNumber).not.toContain("999999");
    expect(
      (
        await call(app, "PUT", `/businesses/${BUSINESS.openPublished}/advisor`, {
          token: token("otherSeller"),
          body: { advisorProfileId: profile.id },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(app, "PUT", `/businesses/${stableId("business-2")}/advisor`, {
          token: token("ownerSeller"),
          body: { advisorProfileId: null },
        })
      ).status,
    ).toBe(403);
  });
});
