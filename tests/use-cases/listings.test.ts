// A listing's life as use cases, without HTTP: a seller drafts, publishes and edits it; people
// view and search it. Each rule's denial beside its success.

import pg from "pg";
import { describe, expect, it } from "vitest";
import { changeListingStatus } from "../../functions/listings/change-listing-status.ts";
import { createListing } from "../../functions/listings/create-listing.ts";
import { deleteListing } from "../../functions/listings/delete-listing.ts";
import { findListingForView } from "../../functions/listings/find-listing-for-view.ts";
import { accessToBusiness, decideBusinessAccess } from "../../functions/listings/listing-access.ts";
import type { ListingFields } from "../../functions/listings/listing-fields.ts";
import { searchListings } from "../../functions/listings/search-listings.ts";
import { updateListing } from "../../functions/listings/update-listing.ts";
import { viewListing } from "../../functions/listings/view-listing.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { NEW_LISTING } from "../support/listing-body.ts";
import { waitForLockWaiters } from "../support/lock-waiters.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const fields: ListingFields = { ...NEW_LISTING, isConfidential: true };

describe("createListing, changeListingStatus, updateListing, deleteListing", () => {
  it("takes a seller's draft through publication, edits it by version, and deletes it", async () => {
    const seller = await seeded.as(ACTORS.otherSeller);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    expect(await attempt(buyer, () => createListing(seeded.deps, fields, buyer))).toMatchObject({
      code: "forbidden",
      message: "Only sellers can list businesses.",
    });

    const draft = await runForRequest(seller, () => createListing(seeded.deps, fields, seller));
    expect(draft).toMatchObject({ status: "DRAFT", sellerId: seller.caller.id, version: 1, publishedAt: null });
    expect(draft.askingPrice).toBe(BigInt(NEW_LISTING.askingPricePence));
    const businessId = draft.id;

    const sold = await attempt(seller, () => changeListingStatus(seeded.deps, { businessId, status: "SOLD" }, seller));
    expect(codeOf(sold)).toBe("invalid_transition");
    expect((sold as Error).message).toBe("A DRAFT listing can move to PUBLISHED or ARCHIVED, not SOLD.");
    const otherSeller = await seeded.as(ACTORS.ownerSeller);
    const notTheirs = await attempt(otherSeller, () =>
      changeListingStatus(seeded.deps, { businessId, status: "PUBLISHED" }, otherSeller),
    );
    expect(codeOf(notTheirs)).toBe("not_found"); // a draft is invisible to other sellers
    const published = await runForRequest(seller, () =>
      changeListingStatus(seeded.deps, { businessId, status: "PUBLISHED" }, seller),
    );
    expect(published).toMatchObject({ status: "PUBLISHED", version: 2, publishedAt: seller.receivedAt });
    expect(codeOf(await attempt(otherSeller, () => deleteListing(seeded.deps, { businessId }, otherSeller)))).toBe(
      "forbidden",
    );

    const edit = (ifMatch: string | undefined) =>
      attempt(seller, () =>
        updateListing(seeded.deps, { businessId, ifMatch, changes: { title: "Garden centre and café, Kent" } }, seller),
      );
    expect(codeOf(await edit(undefined))).toBe("precondition_required");
    expect(codeOf(await edit("three"))).toBe("bad_request");
    expect(codeOf(await edit('"1"'))).toBe("version_conflict");
    expect(codeOf(await edit('"99999999999"'))).toBe("version_conflict");
    const edited = await edit('W/"2"');
    expect(edited).toMatchObject({ title: "Garden centre and café, Kent", version: 3 });

    await runForRequest(seller, () => deleteListing(seeded.deps, { businessId }, seller));
    expect(codeOf(await attempt(seller, () => deleteListing(seeded.deps, { businessId }, seller)))).toBe("not_found");
    const row = await seeded.db.prisma.business.findFirst({ where: { id: businessId, deletedAt: undefined } });
    expect(row?.deletedAt).toEqual(seller.receivedAt);
    // Matching and saved searches hear of it after commit, as of any change to the listing.
    const events = await seeded.db.prisma.outboxEvent.findMany({ where: { subjectId: businessId } });
    expect(events.map((event) => event.kind)).toContain("listing.changed");
    expect(new Set(events.map((event) => event.kind))).toEqual(new Set(["listing.changed"]));
  });
});

describe("changeListingStatus, updateListing: their rules one by one", () => {
  const later = (request: Awaited<ReturnType<typeof seeded.as>>, hours: number) => ({
    ...request,
    receivedAt: new Date(TEST_NOW.getTime() + hours * 3_600_000),
  });
  const listingEvents = (businessId: string) =>
    seeded.db.prisma.outboxEvent.findMany({ where: { subjectId: businessId }, select: { kind: true, version: true } });

  it("dates a listing's first publication only, and tells matching of every change", async () => {
    const seller = await seeded.as(ACTORS.otherSeller);
    const draft = await runForRequest(seller, () => createListing(seeded.deps, fields, seller));
    const businessId = draft.id;
    const change = (status: "PUBLISHED" | "UNDER_OFFER" | "ARCHIVED" | "DRAFT", hours: number) => {
      const request = later(seller, hours);
      return runForRequest(request, () => changeListingStatus(seeded.deps, { businessId, status }, request));
    };
    // Archived straight from draft: never published, so no publication date.
    expect(await change("ARCHIVED", 1)).toMatchObject({ status: "ARCHIVED", publishedAt: null, version: 2 });
    expect(await listingEvents(businessId)).toEqual([{ kind: "listing.changed", version: 1 }]);
    await change("DRAFT", 2);
    const published = await change("PUBLISHED", 3);
    expect(published.publishedAt).toEqual(later(seller, 3).receivedAt);
    await change("UNDER_OFFER", 4);
    const republished = await change("PUBLISHED", 5);
    expect(republished).toMatchObject({
      publishedAt: later(seller, 3).receivedAt,
      lastActivityAt: later(seller, 5).receivedAt,
    });
    // One pending event per listing, raised again by each change (nothing handles them here).
    expect(await listingEvents(businessId)).toEqual([{ kind: "listing.changed", version: 5 }]);

    const edit = (ifMatch: string) =>
      attempt(seller, () => updateListing(seeded.deps, { businessId, ifMatch, changes: { title: "Renamed" } }, seller));
    expect(await edit('"1"')).toMatchObject({
      code: "version_conflict",
      message: "The listing is at version 6, not 1.",
    });
    expect(await edit('"99999999999"')).toMatchObject({
      code: "version_conflict",
      message: "The listing is at version 6.",
    });
    expect(await edit('"6"')).toMatchObject({ title: "Renamed", version: 7 });
    expect(await listingEvents(businessId)).toEqual([{ kind: "listing.changed", version: 6 }]);
  });

  it("refuses a status change when the listing changed between its check and its write", async () => {
    const seller = await seeded.as(ACTORS.otherSeller);
    const draft = await runForRequest(seller, () => createListing(seeded.deps, fields, seller));
    const businessId = draft.id;
    await runForRequest(seller, () => changeListingStatus(seeded.deps, { businessId, status: "PUBLISHED" }, seller));
    // The change checks PUBLISHED -> UNDER_OFFER, then queues for the row behind this lock; the
    // lock's holder archives the listing meanwhile, as a concurrent request would.
    const holder = new pg.Client({ connectionString: seeded.db.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM businesses WHERE id = $1 FOR UPDATE", [businessId]);
      const outcome = attempt(seller, () =>
        changeListingStatus(seeded.deps, { businessId, status: "UNDER_OFFER" }, seller),
      );
      await waitForLockWaiters(holder, 1);
      await holder.query("UPDATE businesses SET status = 'ARCHIVED', version = version + 1 WHERE id = $1", [
        businessId,
      ]);
      await holder.query("COMMIT");
      expect(await outcome).toMatchObject({
        code: "conflict",
        message: "The listing's status changed meanwhile; read it again.",
      });
      const stored = await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: businessId } });
      expect(stored).toMatchObject({ status: "ARCHIVED", version: 3 });
    } finally {
      await holder.end();
    }
  });
});

describe("viewListing", () => {
  it("counts views by everyone but the seller, and shows a confidential listing's identity only to those entitled", async () => {
    const businessId = BUSINESS.confidentialPublished;
    // What the database holds once the views counted in memory are written.
    const views = async () => {
      await seeded.deps.listingViews.flush();
      return (await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: businessId } })).viewCount;
    };
    const before = await views();
    const cases = [
      [ACTORS.ownerSeller, true, 0],
      [ACTORS.buyerWithNda, true, 1],
      [ACTORS.buyerWithoutNda, false, 1],
      [ACTORS.advisorOnDeal, true, 1],
    ] as const;
    let counted = 0;
    for (const [email, seesIdentity, counts] of cases) {
      const request = await seeded.as(email);
      const viewed = await runForRequest(request, () => viewListing(seeded.deps, { businessId }, request));
      expect([email, viewed.seesIdentity]).toEqual([email, seesIdentity]);
      counted += counts;
      expect(await views()).toBe(before + counted);
    }
    const anonymous = { requestId: "anonymous-view", ipAddress: undefined, userAgent: undefined, receivedAt: TEST_NOW };
    const seenAnonymously = await runForRequest(anonymous, () => viewListing(seeded.deps, { businessId }, anonymous));
    expect(seenAnonymously.seesIdentity).toBe(false);
    expect(await views()).toBe(before + counted + 1);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const draft = await attempt(buyer, () => viewListing(seeded.deps, { businessId: BUSINESS.draft }, buyer));
    expect(codeOf(draft)).toBe("not_found");
  });
});

describe("viewListing: its rules one by one", () => {
  it("shows views not yet written at once, logs a signed-in view, and reports a missing listing", async () => {
    const businessId = BUSINESS.openPublished;
    await seeded.deps.listingViews.flush();
    const stored = (await seeded.db.prisma.business.findUniqueOrThrow({ where: { id: businessId } })).viewCount;
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const view = () => runForRequest(buyer, () => viewListing(seeded.deps, { businessId }, buyer));
    expect((await view()).business.viewCount).toBe(stored + 1);
    expect((await view()).business.viewCount).toBe(stored + 2);

    const logged = await seeded.db.prisma.activityLog.findMany({
      where: { action: "listing.viewed", entityId: businessId, userId: buyer.caller.id },
    });
    expect(logged).toEqual([
      expect.objectContaining({ entityType: "business", ipAddress: buyer.ipAddress }),
      expect.objectContaining({ entityType: "business", ipAddress: buyer.ipAddress }),
    ]);
    const anonymous = {
      requestId: "anonymous-view",
      ipAddress: "198.51.100.20",
      userAgent: undefined,
      receivedAt: TEST_NOW,
    };
    await runForRequest(anonymous, () => viewListing(seeded.deps, { businessId }, anonymous));
    expect(
      await seeded.db.prisma.activityLog.count({ where: { action: "listing.viewed", ipAddress: anonymous.ipAddress } }),
    ).toBe(0);

    const missing = await attempt(buyer, () =>
      viewListing(seeded.deps, { businessId: "00000000-0000-4000-8000-000000000000" }, buyer),
    );
    expect(missing).toMatchObject({ code: "not_found", message: "No such business." });
  });
});

describe("findListingForView", () => {
  it("reads every listing exactly as Prisma does, in the same statement as its seller's responsiveness", async () => {
    const listings = await seeded.db.prisma.business.findMany({ where: { deletedAt: undefined } });
    expect(listings.length).toBeGreaterThan(3);
    for (const listing of listings) {
      const found = await findListingForView(seeded.deps.prisma, listing.id, TEST_NOW);
      if (listing.deletedAt) expect(found).toBeUndefined();
      else expect(found?.business).toEqual(listing);
    }
  });

  it("answers, in the same statement, who may see each listing exactly as the separate lookups do", async () => {
    const listings = await seeded.db.prisma.business.findMany({ where: { deletedAt: null } });
    const outcome = (access: Promise<{ isManager: boolean; isAdvisor: boolean; seesIdentity: boolean }>) =>
      access.then(
        ({ isManager, isAdvisor, seesIdentity }) => ({ isManager, isAdvisor, seesIdentity }),
        (error: unknown) => codeOf(error),
      );
    const outcomes = new Set<string>();
    for (const email of Object.values(ACTORS)) {
      const { caller } = await seeded.as(email);
      for (const listing of listings) {
        const found = await findListingForView(seeded.deps.prisma, listing.id, TEST_NOW, caller.id);
        const fromStatement = await outcome(
          decideBusinessAccess(found!.business, caller, {
            isAdvisor: found!.advisorUserId === caller.id,
            hasAcceptedNda: () => found!.callerHasNda,
          }),
        );
        const fromLookups = await outcome(accessToBusiness(seeded.deps.prisma, listing, caller));
        expect(fromStatement, `${email} on ${listing.title}`).toEqual(fromLookups);
        outcomes.add(JSON.stringify(fromStatement));
      }
    }
    // The seed covers every kind of answer: hidden, manager, advisor, identity with and without NDA.
    expect(outcomes.size).toBeGreaterThanOrEqual(4);
  });
});

describe("searchListings", () => {
  it("pages through public listings, and records a signed-in person's search in their activity", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const first = await runForRequest(buyer, () => searchListings(seeded.deps, { limit: 2, sort: "price_asc" }, buyer));
    expect(first.rows).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await runForRequest(buyer, () =>
      searchListings(seeded.deps, { limit: 100, sort: "price_asc", cursor: first.nextCursor! }, buyer),
    );
    const all = [...first.rows, ...second.rows];
    expect(second.nextCursor).toBeNull();
    expect(all.map((row) => row.status).every((status) => ["PUBLISHED", "UNDER_OFFER"].includes(status))).toBe(true);
    const prices = all.map((row) => row.asking_price_pence);
    expect(prices).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const expected = await seeded.db.prisma.business.count({
      where: { deletedAt: null, status: { in: ["PUBLISHED", "UNDER_OFFER"] } },
    });
    expect(all).toHaveLength(expected);
    const recorded = await seeded.db.prisma.activityLog.findMany({
      where: { userId: buyer.caller.id, action: "listing.searched" },
    });
    expect(recorded).toHaveLength(2);
    // Only what the search said: no keys of filters left out.
    expect(recorded[0]!.metadata).toEqual({ query: { limit: 2, sort: "price_asc" } });

    // A page that ends exactly at the last listing has no next page.
    const exact = await runForRequest(buyer, () =>
      searchListings(seeded.deps, { limit: expected, sort: "price_asc" }, buyer),
    );
    expect([exact.rows.length, exact.nextCursor]).toEqual([expected, null]);
  });

  it("refuses a cursor from another sort order", async () => {
    const buyer = await seeded.as(ACTORS.buyerWithoutNda);
    const page = await runForRequest(buyer, () => searchListings(seeded.deps, { limit: 1, sort: "newest" }, buyer));
    const crossed = await attempt(buyer, () =>
      searchListings(seeded.deps, { limit: 1, sort: "price_desc", cursor: page.nextCursor! }, buyer),
    );
    expect(codeOf(crossed)).toBe("validation_failed");
  });
});
