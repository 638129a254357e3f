// Saved searches as use cases, rule by rule: for buyers only, each buyer's own (anyone else's
// does not exist for them), at most MAX_SAVED_SEARCHES even when two saves race for the last
// place, listed oldest first.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { createSavedSearch } from "../../functions/saved-searches/create-saved-search.ts";
import { deleteSavedSearch } from "../../functions/saved-searches/delete-saved-search.ts";
import { getSavedSearch } from "../../functions/saved-searches/get-saved-search.ts";
import { listSavedSearches } from "../../functions/saved-searches/list-saved-searches.ts";
import { MAX_SAVED_SEARCHES } from "../../functions/saved-searches/saved-search-details.ts";
import { updateSavedSearch } from "../../functions/saved-searches/update-saved-search.ts";
import { waitForLockWaiters } from "../support/lock-waiters.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const fields = (name: string) => ({ name, filters: {}, alertFrequency: "OFF" as const });

describe("saved searches, rule by rule", () => {
  it("are for buyers only, saying so", async () => {
    const seller = await seeded.as(ACTORS.ownerSeller);
    const buyer = await seeded.as(ACTORS.buyerWithNda);
    const search = await runForRequest(buyer, () => createSavedSearch(seeded.deps, fields("Mine"), buyer));
    const forbidden = { code: "forbidden", message: "Saved searches are for buyers." };
    expect(await attempt(seller, () => createSavedSearch(seeded.deps, fields("x"), seller))).toMatchObject(forbidden);
    expect(await attempt(seller, () => listSavedSearches(seeded.deps, {}, seller))).toMatchObject(forbidden);
    expect(await attempt(seller, () => getSavedSearch(seeded.deps, { id: search.id }, seller))).toMatchObject(
      forbidden,
    );
  });

  it("are each buyer's own: another buyer's neither read, changed nor deleted", async () => {
    const owner = await seeded.as(ACTORS.buyerWithNda);
    const other = await seeded.as(ACTORS.buyerWithoutNda);
    const search = await runForRequest(owner, () => createSavedSearch(seeded.deps, fields("Private"), owner));
    const missing = { code: "not_found", message: "No such saved search." };
    expect(await attempt(other, () => getSavedSearch(seeded.deps, { id: search.id }, other))).toMatchObject(missing);
    expect(
      await attempt(other, () => updateSavedSearch(seeded.deps, { id: search.id, ...fields("Taken") }, other)),
    ).toMatchObject(missing);
    expect(await attempt(other, () => deleteSavedSearch(seeded.deps, { id: search.id }, other))).toMatchObject(missing);
    expect((await runForRequest(owner, () => getSavedSearch(seeded.deps, { id: search.id }, owner))).name).toBe(
      "Private",
    );
  });

  it("are listed oldest first, ties by id", async () => {
    const buyer = await seeded.as("owen.davies@gmail.example");
    const at = (seconds: number) => new Date(buyer.receivedAt.getTime() + seconds * 1000);
    // Saved newest first, so only the order asked for puts them right.
    const later = await runForRequest(buyer, () =>
      createSavedSearch(seeded.deps, fields("Later"), { ...buyer, receivedAt: at(2) }),
    );
    const earlier = await runForRequest(buyer, () =>
      createSavedSearch(seeded.deps, fields("Earlier"), { ...buyer, receivedAt: at(1) }),
    );
    // Two of one instant, the higher id stored first.
    const tie = ["00000000-0000-4000-8000-00000000000b", "00000000-0000-4000-8000-00000000000a"];
    for (const id of tie) {
      await seeded.db.prisma.savedSearch.create({
        data: { id, userId: buyer.caller.id, ...fields(id), createdAt: at(0), updatedAt: at(0) },
      });
    }
    const listed = await runForRequest(buyer, () => listSavedSearches(seeded.deps, {}, buyer));
    const ours = [tie[0], tie[1], earlier.id, later.id];
    expect(listed.map((search) => search.id).filter((id) => ours.includes(id))).toEqual([
      tie[1],
      tie[0],
      earlier.id,
      later.id,
    ]);
  });

  it("stop at the limit, saying what to do, even when two saves race for the last place", async () => {
    const buyer = await seeded.as("priya.sharma@careventures.co.uk");
    const existing = await seeded.db.prisma.savedSearch.count({ where: { userId: buyer.caller.id } });
    for (let n = existing; n < MAX_SAVED_SEARCHES - 1; n += 1) {
      await runForRequest(buyer, () => createSavedSearch(seeded.deps, fields(`Search ${n}`), buyer));
    }
    // Both saves count the buyer's searches; the lock on the buyer's row makes them take turns.
    const holder = new pg.Client({ connectionString: seeded.db.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM users WHERE id = $1 FOR UPDATE", [buyer.caller.id]);
      // Two requests of the buyer's (two tabs, say), each in its own transaction.
      const tabs = [await seeded.as(buyer.caller.email), await seeded.as(buyer.caller.email)];
      const saves = Promise.all(
        tabs.map((tab, n) => attempt(tab, () => createSavedSearch(seeded.deps, fields(`Racer ${n}`), tab))),
      );
      await waitForLockWaiters(holder, 2);
      await holder.query("COMMIT");
      const outcomes = await saves;
      expect(outcomes.map(codeOf).sort()).toEqual(["conflict", "succeeded"]);
      expect(outcomes.find((outcome) => codeOf(outcome) === "conflict")).toMatchObject({
        message: `You can keep up to ${MAX_SAVED_SEARCHES} saved searches; delete one first.`,
      });
    } finally {
      await holder.end();
    }
    expect(await seeded.db.prisma.savedSearch.count({ where: { userId: buyer.caller.id } })).toBe(MAX_SAVED_SEARCHES);
  });
});
