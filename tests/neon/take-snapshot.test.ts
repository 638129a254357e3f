import { describe, expect, it } from "vitest";
import { fixedClock } from "../../functions/clock/clock.ts";
import { takeSnapshot } from "../../functions/neon/take-snapshot.ts";
import { FakeNeonApi } from "../support/fake-neon-api.ts";

const DAY = 24 * 60 * 60 * 1000;

describe("daily Neon snapshots", () => {
  it("branches production, names the branch by its time, and leaves other branches alone", async () => {
    const clock = fixedClock("2026-12-01T02:00:00Z");
    const neon = new FakeNeonApi(() => clock.now());
    await neon.createBranch("project", { name: "main", parentId: "" });
    await neon.createBranch("project", { name: "anonymised-base", parentId: "br-main" });
    const report = await takeSnapshot({ neon, clock }, { projectId: "project", branchId: "br-main" });
    expect(report).toEqual({ created: "snapshot-20261201T020000Z", kept: ["snapshot-20261201T020000Z"], deleted: [] });
    expect(neon.calls.at(-2)).toBe("create project snapshot-20261201T020000Z from br-main");
  });

  it("keeps 7 daily, 4 weekly and 12 monthly over a year and a half of days", async () => {
    const clock = fixedClock("2025-06-01T02:00:00Z");
    const neon = new FakeNeonApi(() => clock.now());
    await neon.createBranch("project", { name: "main", parentId: "" });
    for (let day = 0; day < 550; day += 1) {
      await takeSnapshot({ neon, clock }, { projectId: "project", branchId: "br-main" });
      clock.advance(DAY);
    }
    const names = (await neon.listBranches("project")).map((branch) => branch.name).filter((name) => name !== "main");
    const taken = names.map(
      (name) => new Date(name.replace(/^snapshot-(\d{4})(\d{2})(\d{2})T.*$/, "$1-$2-$3T02:00:00Z")),
    );
    // The last 7 days, and the newest of each of 12 months (this one included).
    const lastDays = Array.from({ length: 7 }, (_, i) => new Date(clock.now().getTime() - (i + 1) * DAY));
    for (const day of lastDays) expect(taken.map((date) => date.getTime())).toContain(day.getTime());
    expect(new Set(taken.map((date) => date.toISOString().slice(0, 7))).size).toBe(12);
    expect(names.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect([...names].sort()[0]).toMatch(/^snapshot-202601/); // the twelfth month back
    expect((await neon.listBranches("project")).some((branch) => branch.name === "main")).toBe(true);
  });
});
