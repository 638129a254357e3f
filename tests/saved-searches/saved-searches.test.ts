// Saved searches as a buyer lives them, through the API: save the filters of GET /businesses,
// and be alerted once when a listing starts to match (published, or edited into the search),
// by e-mail at once or in the digest as the search says, never again for that listing.

import { describe, expect, it } from "vitest";
import { alertSavedSearches } from "../../functions/saved-searches/alert-saved-searches.ts";
import { call, editListing, problemOf, signUp } from "../support/api-client.ts";
import { NEW_LISTING } from "../support/listing-body.ts";
import { useSeededApp } from "../support/seeded-app.ts";
import { TEST_NOW } from "../support/test-clock.ts";

const seeded = useSeededApp();

interface SavedSearch {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  alertFrequency: string;
  searchQuery: string;
}
interface NotificationItem {
  topic: string;
  title: string;
  link: string;
  emailedAt: string | null;
}
const alertsOf = async (token: string) =>
  (
    (await (await call(seeded.app, "GET", "/me/notifications?limit=100", { token })).json()) as {
      items: NotificationItem[];
    }
  ).items.filter((item) => item.topic === "SAVED_SEARCH_ALERTS");
const save = async (token: string, body: unknown) => call(seeded.app, "POST", "/me/saved-searches", { token, body });
const newBuyer = (name: string, email: string) =>
  signUp(seeded.app, seeded.deliverMail, { email, password: `${name}-buys-businesses`, name, role: "BUYER" });

async function publishListing(overrides: Record<string, unknown> = {}) {
  const seller = seeded.token("otherSeller");
  const created = await call(seeded.app, "POST", "/businesses", {
    token: seller,
    body: { ...NEW_LISTING, ...overrides },
  });
  const listing = (await created.json()) as { id: string };
  await call(seeded.app, "POST", `/businesses/${listing.id}/status`, { token: seller, body: { status: "PUBLISHED" } });
  return listing.id;
}

describe("saved searches", () => {
  it("are kept per buyer, validated like GET /businesses, and nobody else's", async () => {
    const buyer = await newBuyer("Ada", "ada.lowe@loweholdings.co.uk");
    const created = await save(buyer, {
      name: "Kent garden centres",
      filters: { sic: ["4776"], region: ["SOUTH_EAST"], maxPricePence: 100_000_000 },
      alertFrequency: "IMMEDIATE",
    });
    expect(created.status).toBe(201);
    const search = (await created.json()) as SavedSearch;
    expect(search).toMatchObject({ name: "Kent garden centres", alertFrequency: "IMMEDIATE" });
    expect(search.searchQuery).toBe("sic=4776&region=SOUTH_EAST&maxPricePence=100000000");

    const renamed = await call(seeded.app, "PUT", `/me/saved-searches/${search.id}`, {
      token: buyer,
      body: { name: "Garden centres", filters: { sic: ["4776"] }, alertFrequency: "DAILY_DIGEST" },
    });
    expect(((await renamed.json()) as SavedSearch).filters).toEqual({ sic: ["4776"] });
    const listed = (await (await call(seeded.app, "GET", "/me/saved-searches", { token: buyer })).json()) as {
      items: SavedSearch[];
    };
    expect(listed.items.map((item) => item.name)).toEqual(["Garden centres"]);

    for (const body of [
      { name: "x", filters: { sic: ["9"] }, alertFrequency: "IMMEDIATE" }, // not a SIC level
      { name: "x", filters: { region: ["ATLANTIS"] }, alertFrequency: "IMMEDIATE" },
      { name: "x", filters: { sort: "newest" }, alertFrequency: "IMMEDIATE" }, // an order, not a filter
      { name: "", filters: {}, alertFrequency: "IMMEDIATE" },
      { name: "x", filters: {}, alertFrequency: "HOURLY" },
      { name: "x", filters: { minPricePence: -1 }, alertFrequency: "OFF" },
    ]) {
      const refused = await save(buyer, body);
      expect(refused.status).toBe(400);
      expect((await problemOf(refused)).code).toBe("validation_failed");
    }

    // Another buyer cannot see, change or delete it: to them it does not exist.
    const other = seeded.token("buyerWithoutNda");
    for (const method of ["GET", "DELETE"]) {
      expect((await call(seeded.app, method, `/me/saved-searches/${search.id}`, { token: other })).status).toBe(404);
    }
    expect((await save(seeded.token("ownerSeller"), { name: "x", filters: {}, alertFrequency: "OFF" })).status).toBe(
      403,
    );

    // At most 20.
    for (let n = 1; n < 20; n += 1) {
      expect((await save(buyer, { name: `Search ${n}`, filters: {}, alertFrequency: "OFF" })).status).toBe(201);
    }
    const tooMany = await save(buyer, { name: "One more", filters: {}, alertFrequency: "OFF" });
    expect(tooMany.status).toBe(409);
    expect((await call(seeded.app, "DELETE", `/me/saved-searches/${search.id}`, { token: buyer })).status).toBe(204);
    expect((await call(seeded.app, "GET", `/me/saved-searches/${search.id}`, { token: buyer })).status).toBe(404);
    // Searches with alerts off never alert, though these match every listing.
    await publishListing();
    await seeded.handleEvents();
    expect(
      await seeded.db.prisma.notification.count({ where: { user: { email: "ada.lowe@loweholdings.co.uk" } } }),
    ).toBe(0);
  });

  it("alerts once when a listing is published into a search, and not again when it is edited", async () => {
    const buyer = await newBuyer("Ben", "ben.hart@hartventures.co.uk");
    await save(buyer, {
      name: "South East garden centres",
      filters: { sic: ["4776"], region: ["SOUTH_EAST"] },
      alertFrequency: "IMMEDIATE",
    });
    seeded.clock.advance(1000); // saved a second later: the younger of the two
    await save(buyer, { name: "Anything in Kent", filters: { q: "Kent" }, alertFrequency: "IMMEDIATE" });
    seeded.clock.advance(-1000);
    const seller = seeded.token("otherSeller");
    const draft = (await (
      await call(seeded.app, "POST", "/businesses", { token: seller, body: NEW_LISTING })
    ).json()) as { id: string };
    await seeded.handleEvents();
    expect(await alertsOf(buyer)).toEqual([]); // a draft is in no search

    await call(seeded.app, "POST", `/businesses/${draft.id}/status`, { token: seller, body: { status: "PUBLISHED" } });
    await seeded.handleEvents();
    const alerts = await alertsOf(buyer);
    // Two of their searches match: one alert, named after the older search.
    expect(alerts.map((alert) => [alert.title, alert.link])).toEqual([
      [`New for "South East garden centres": ${NEW_LISTING.title}`, `/businesses/${draft.id}`],
    ]);
    const mails = (await seeded.deliverMail()).filter((mail) => mail.to === "ben.hart@hartventures.co.uk");
    expect(mails.filter((mail) => mail.subject.startsWith("New for"))).toHaveLength(1);

    await editListing(seeded.app, draft.id, seller, {
      description: `${NEW_LISTING.description} Now with a farm shop.`,
    });
    await seeded.handleEvents();
    expect(await alertsOf(buyer)).toHaveLength(1);
  });

  it("alerts when a listing is edited into a search, in the digest when the search says so", async () => {
    const buyer = await newBuyer("Cara", "cara.diaz@diazcapital.co.uk");
    await save(buyer, {
      name: "Under £800k",
      filters: { sic: ["4776"], maxPricePence: 80_000_000 },
      alertFrequency: "DAILY_DIGEST",
    });
    const listing = await publishListing(); // £950,000: outside the search
    await seeded.handleEvents();
    expect(await alertsOf(buyer)).toEqual([]);
    await editListing(seeded.app, listing, seeded.token("otherSeller"), { askingPricePence: 79_000_000 });
    await seeded.handleEvents();
    expect((await alertsOf(buyer)).map((alert) => [alert.link, alert.emailedAt])).toEqual([
      [`/businesses/${listing}`, null],
    ]);
    const mails = (await seeded.deliverMail()).filter((mail) => mail.to === "cara.diaz@diazcapital.co.uk");
    expect(mails.filter((mail) => mail.subject.startsWith("New for"))).toEqual([]); // waits for the digest
  });

  it("checks searches a batch per statement, alerting once, named after the oldest search that matches", async () => {
    const buyer = await newBuyer("Eve", "eve.stone@stonecapital.co.uk");
    const names = ["Wales only", "Kent garden centres", "Anything retail", "Garden centres"];
    const filters = [{ region: ["WALES"] }, { q: "Kent" }, { sic: ["G"] }, { sic: ["4776"] }];
    for (const [n, name] of names.entries()) {
      await save(buyer, { name, filters: filters[n], alertFrequency: "IMMEDIATE" });
      seeded.clock.advance(1000);
    }
    seeded.clock.advance(-4000);
    // Published without an event (the handler is called below, one search per statement).
    const seller = await seeded.db.prisma.user.findFirstOrThrow({ where: { role: "SELLER" } });
    const listing = await seeded.db.prisma.business.create({
      data: {
        sellerId: seller.id,
        title: "Garden centre outside Maidstone, Kent",
        description: "A garden centre with a farm shop and a café, trading for thirty years.",
        sicCode: "47760",
        region: "SOUTH_EAST",
        askingPrice: 70_000_000n,
        premisesTenure: "FREEHOLD",
        status: "PUBLISHED",
        publishedAt: TEST_NOW,
        lastActivityAt: TEST_NOW,
      },
    });
    const alert = () =>
      seeded.db.appPrisma.$transaction((tx) =>
        alertSavedSearches(tx, listing.id, TEST_NOW, { searchesPerStatement: 1 }),
      );
    // Other buyers' searches (earlier tests') may match too; a second run alerts nobody.
    expect((await alert()).notified).toBeGreaterThanOrEqual(1);
    expect(await alert()).toEqual({ notified: 0, emailed: 0 });
    const [only, ...none] = await alertsOf(buyer);
    expect(none).toEqual([]);
    expect(only).toMatchObject({
      title: `New for "Kent garden centres": ${listing.title}`,
      link: `/businesses/${listing.id}`,
    });
    const stored = await seeded.db.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `saved-search:${listing.id}`, user: { email: "eve.stone@stonecapital.co.uk" } },
    });
    expect(stored.body).toBe(`"${listing.title}" now matches your saved search "Kent garden centres".`);
    expect(stored.delivery).toBe("IMMEDIATE");
    // A listing that is not there alerts nobody (an event for a listing deleted since).
    const gone = "00000000-0000-4000-8000-000000000000";
    expect(await seeded.db.appPrisma.$transaction((tx) => alertSavedSearches(tx, gone, TEST_NOW))).toEqual({
      notified: 0,
      emailed: 0,
    });
  });

  it("alerts exactly when GET /businesses with the same filters lists the listing", async () => {
    const buyer = await newBuyer("Dev", "dev.rao@raoacquisitions.co.uk");
    const filterSets = [
      { sic: ["G"] },
      { sic: ["47"], region: ["SOUTH_EAST", "LONDON"] },
      { sic: ["62"] },
      { region: ["WALES"] },
      { q: "garden centre" },
      { q: "bakery" },
      { minPricePence: 90_000_000, maxPricePence: 96_000_000 },
      { maxPricePence: 90_000_000 },
      { minRevenuePence: 150_000_000 },
      { minRevenuePence: 200_000_000 },
      { minEbitdaPence: 1 },
      { status: ["UNDER_OFFER"] },
    ];
    const searches: SavedSearch[] = [];
    const outcomes: boolean[] = [];
    for (const [n, filters] of filterSets.entries()) {
      searches.push(
        (await (await save(buyer, { name: `Set ${n}`, filters, alertFrequency: "OFF" })).json()) as SavedSearch,
      );
    }
    const listing = await publishListing({ title: "Garden centre near Canterbury" });
    await seeded.handleEvents();
    for (const search of searches) {
      // One search at a time, alerts on: does it alert? Does the public search list the listing?
      const solo = await newBuyer(`Solo${search.name.replace(" ", "")}`, `solo.${search.id.slice(0, 8)}@example.co.uk`);
      await save(solo, { name: search.name, filters: search.filters, alertFrequency: "IMMEDIATE" });
      await editListing(seeded.app, listing, seeded.token("otherSeller"), {
        description: `${NEW_LISTING.description} (${search.name})`,
      });
      await seeded.handleEvents();
      const alerted = (await alertsOf(solo)).length === 1;
      const page = (await (await call(seeded.app, "GET", `/businesses?${search.searchQuery}&limit=100`)).json()) as {
        items: { id: string }[];
      };
      outcomes.push(alerted);
      expect({ search: search.filters, alerted }).toEqual({
        search: search.filters,
        alerted: page.items.some((item) => item.id === listing),
      });
    }
    // The sets cover both answers: 5 list (and alert about) the listing, 7 do not.
    expect(outcomes.filter(Boolean)).toHaveLength(5);
  });
});
