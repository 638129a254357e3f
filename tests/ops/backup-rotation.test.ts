import { describe, expect, it } from "vitest";
import { backupName, parseBackupName } from "../../functions/ops/backup-names.ts";
import { isoWeek, planRotation } from "../../functions/ops/backup-rotation.ts";

const at = (iso: string) => backupName("exitmatch", new Date(iso), "full");
const kept = (plan: ReturnType<typeof planRotation>) => plan.keep.map((entry) => entry.backup.takenAt.toISOString());
const removed = (plan: ReturnType<typeof planRotation>) => plan.remove.map((backup) => backup.takenAt.toISOString());

describe("backup names", () => {
  it("name the database, the UTC time and the kind, and parse back", () => {
    const name = backupName("exitmatch", new Date("2026-11-25T03:15:09.456Z"), "tables");
    expect(name).toMatchObject({
      dump: "exitmatch-20261125T031509Z-tables.dump",
      manifest: "exitmatch-20261125T031509Z-tables.dump.json",
    });
    expect(parseBackupName(name.dump)).toEqual({ ...name, takenAt: new Date("2026-11-25T03:15:09.000Z") });
    expect(parseBackupName("exitmatch-20261125T031509Z.dump.json")).toBeUndefined();
    expect(parseBackupName("notes.txt")).toBeUndefined();
  });
});

describe("ISO weeks", () => {
  it("start on Monday and belong to the year of their Thursday", () => {
    expect(
      ["2026-11-29", "2026-11-30", "2026-12-31", "2027-01-01", "2027-01-03", "2027-01-04", "2025-12-29"].map((day) =>
        isoWeek(new Date(`${day}T12:00:00Z`)),
      ),
    ).toEqual(["2026-W48", "2026-W49", "2026-W53", "2026-W53", "2026-W53", "2027-W01", "2026-W01"]);
  });
});

describe("backup rotation: 7 daily, 4 weekly, 12 monthly", () => {
  it("keeps the newest backup of a day; a second before midnight is another day", () => {
    const plan = planRotation([
      at("2026-11-24T09:00:00Z"),
      at("2026-11-24T23:59:59Z"),
      at("2026-11-25T00:00:00Z"),
      at("2026-11-25T09:00:00Z"),
    ]);
    expect(kept(plan)).toEqual(["2026-11-24T23:59:59.000Z", "2026-11-25T09:00:00.000Z"]);
    expect(removed(plan)).toEqual(["2026-11-24T09:00:00.000Z", "2026-11-25T00:00:00.000Z"]);
  });

  it("keeps 7 days of dailies, and beyond them the newest of each ISO week (Sunday night and Monday morning are different weeks)", () => {
    // One a day from Monday 2 Nov to Wednesday 25 Nov 2026.
    const days = Array.from({ length: 24 }, (_, i) => at(new Date(Date.UTC(2026, 10, 2 + i, 2)).toISOString()));
    const plan = planRotation(days, { daily: 7, weekly: 4, monthly: 0 });
    expect(kept(plan)).toEqual([
      "2026-11-08T02:00:00.000Z", // Sunday: newest of W45
      "2026-11-15T02:00:00.000Z", // W46
      "2026-11-19T02:00:00.000Z", // 7 dailies: 19 to 25 Nov, Thursday...
      "2026-11-20T02:00:00.000Z",
      "2026-11-21T02:00:00.000Z",
      "2026-11-22T02:00:00.000Z", // ...Sunday, also the newest of W47
      "2026-11-23T02:00:00.000Z", // Monday: W48 starts
      "2026-11-24T02:00:00.000Z",
      "2026-11-25T02:00:00.000Z", // newest of W48
    ]);
    expect(plan.keep.find((entry) => entry.backup.takenAt.getUTCDate() === 22)!.reasons).toEqual([
      "daily 2026-11-22",
      "weekly 2026-W47",
    ]);
    expect(removed(plan)).toHaveLength(24 - 9);
  });

  it("keeps the newest of each of 12 months, across the month and year boundaries", () => {
    // The last day of each month and the first of the next, for 15 months.
    const backups = Array.from({ length: 15 }, (_, i) => [
      at(new Date(Date.UTC(2025, 9 + i + 1, 0, 23, 0)).toISOString()), // last day of month 9+i
      at(new Date(Date.UTC(2025, 9 + i + 1, 1, 1, 0)).toISOString()), // first day of the next
    ]).flat();
    const plan = planRotation(backups, { daily: 0, weekly: 0, monthly: 12 });
    expect(kept(plan)).toHaveLength(12);
    // December's newest is the 31st at 23:00; 1 January 01:00 already counts for January.
    expect(kept(plan)).toContain("2026-12-31T23:00:00.000Z");
    expect(removed(plan)).toContain("2026-12-01T01:00:00.000Z");
    expect(kept(plan).at(-1)).toBe("2027-01-01T01:00:00.000Z");
    // Twelve months back from January 2027 is February 2026; January 2026 goes.
    expect(kept(plan)[0]).toBe("2026-02-28T23:00:00.000Z");
    expect(removed(plan)).toContain("2026-01-31T23:00:00.000Z");
    expect(new Set(kept(plan).map((time) => time.slice(0, 7))).size).toBe(12);
  });

  it("a year of daily backups rotates to 7 + 4 + 12 at most, always keeping the newest", () => {
    const year = Array.from({ length: 366 }, (_, i) => at(new Date(Date.UTC(2026, 0, 1 + i, 1)).toISOString()));
    const plan = planRotation(year);
    expect(kept(plan).at(-1)).toBe("2027-01-01T01:00:00.000Z");
    expect(plan.keep.length).toBeLessThanOrEqual(23);
    expect(plan.keep.length).toBeGreaterThanOrEqual(12 + 7 - 1);
    expect(plan.keep.length + plan.remove.length).toBe(366);
  });

  it("rotates each database and kind separately, and a week without backups never costs the last good ones", () => {
    const plan = planRotation(
      [
        at("2026-10-01T01:00:00Z"),
        at("2026-10-02T01:00:00Z"),
        backupName("exitmatch", new Date("2026-10-01T02:00:00Z"), "tables"),
        backupName("other", new Date("2026-10-01T02:00:00Z"), "full"),
      ],
      { daily: 1, weekly: 0, monthly: 0 },
    );
    expect(plan.keep.map((entry) => entry.backup.dump).sort()).toEqual([
      "exitmatch-20261001T020000Z-tables.dump",
      "exitmatch-20261002T010000Z.dump",
      "other-20261001T020000Z.dump",
    ]);
  });

  it("counts each kind of bucket with its own number, and lists both halves oldest first whatever the input order", () => {
    // One a day from Monday 2 Nov to Wednesday 25 Nov 2026, handed over newest first.
    const days = Array.from({ length: 24 }, (_, i) => at(new Date(Date.UTC(2026, 10, 2 + i, 2)).toISOString()));
    const plan = planRotation([...days].reverse(), { daily: 2, weekly: 3, monthly: 1 });
    expect(plan.keep.map((entry) => [entry.backup.takenAt.toISOString().slice(0, 10), entry.reasons])).toEqual([
      ["2026-11-15", ["weekly 2026-W46"]],
      ["2026-11-22", ["weekly 2026-W47"]],
      ["2026-11-24", ["daily 2026-11-24"]],
      ["2026-11-25", ["daily 2026-11-25", "weekly 2026-W48", "monthly 2026-11"]],
    ]);
    expect(removed(plan)).toEqual(
      days.map((backup) => backup.takenAt.toISOString()).filter((time) => !kept(plan).includes(time)),
    );
  });
});
