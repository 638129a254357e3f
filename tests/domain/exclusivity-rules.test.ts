// Exclusivity's rules (issue 28): when it binds, one extension by agreement, ending early (the
// seller only with a reason), and the reminders 14, 7 and 1 day before it ends, each once.
import { describe, expect, it } from "vitest";
import {
  EXCLUSIVITY_REMINDER_DAYS,
  type Exclusivity,
  earlyEndRefusal,
  exclusivityEnd,
  extensionRefusal,
  isInForce,
  reminderDue,
} from "../../functions/domain/exclusivity-rules.ts";

const DAY = 86_400_000;
const START = new Date("2026-11-25T12:00:00.000Z");
const day = (n: number) => new Date(START.getTime() + n * DAY);
const sixtyDays = (extra: Partial<Exclusivity> = {}): Exclusivity => ({
  startedAt: START,
  endsAt: exclusivityEnd(START, 60),
  extended: false,
  endedAt: null,
  ...extra,
});

describe("exclusivity", () => {
  it("ends the agreed number of whole days after it starts", () => {
    expect(exclusivityEnd(START, 60)).toEqual(new Date("2027-01-24T12:00:00.000Z"));
    expect(exclusivityEnd(START, 1)).toEqual(day(1));
  });

  it("binds from its start until its end, unless ended", () => {
    const running = sixtyDays();
    expect(isInForce(running, new Date(START.getTime() - 1))).toBe(false);
    expect(isInForce(running, START)).toBe(true);
    expect(isInForce(running, new Date(day(60).getTime() - 1))).toBe(true);
    expect(isInForce(running, day(60))).toBe(false);
    expect(isInForce(sixtyDays({ endedAt: day(10) }), day(11))).toBe(false);
  });

  it("is extended once, by 1 to 120 days, while it binds", () => {
    expect(extensionRefusal(sixtyDays(), 30, day(50))).toBeNull();
    expect(extensionRefusal(sixtyDays(), 1, day(50))).toBeNull();
    expect(extensionRefusal(sixtyDays(), 120, day(50))).toBeNull();
    for (const days of [0, 121, 2.5]) {
      expect(extensionRefusal(sixtyDays(), days, day(50)), String(days)).toBe("An extension is 1 to 120 days.");
    }
    expect(extensionRefusal(sixtyDays({ extended: true }), 30, day(50))).toBe(
      "Exclusivity can be extended once, and it has been.",
    );
    expect(extensionRefusal(sixtyDays(), 30, day(60))).toBe(
      "Exclusivity is no longer in force, so it cannot be extended.",
    );
  });

  it("is ended early by the buyer at will, by the seller only with a reason", () => {
    expect(earlyEndRefusal(sixtyDays(), "BUYER", undefined, day(5))).toBeNull();
    expect(
      earlyEndRefusal(sixtyDays(), "SELLER", "Due diligence questionnaire not returned by day 30", day(31)),
    ).toBeNull();
    for (const reason of [undefined, "", "   "]) {
      expect(earlyEndRefusal(sixtyDays(), "SELLER", reason, day(31))).toBe(
        "The seller can end exclusivity early only with a reason, such as a missed milestone.",
      );
    }
    expect(earlyEndRefusal(sixtyDays({ endedAt: day(3) }), "BUYER", undefined, day(5))).toBe(
      "Exclusivity is no longer in force.",
    );
  });

  it("reminds 14, 7 and 1 day before the end, each once, and only the nearest when late", () => {
    expect(EXCLUSIVITY_REMINDER_DAYS).toEqual([14, 7, 1]);
    const running = sixtyDays();
    expect(reminderDue(running, [], new Date(day(46).getTime() - 1))).toBeNull();
    expect(reminderDue(running, [], day(46))).toBe(14);
    expect(reminderDue(running, [14], day(50))).toBeNull();
    expect(reminderDue(running, [14], day(53))).toBe(7);
    expect(reminderDue(running, [14, 7], day(59))).toBe(1);
    expect(reminderDue(running, [14, 7, 1], new Date(day(60).getTime() - 1))).toBeNull();
    // First noticed three days before the end: the 7-day reminder, not the 14-day one as well.
    expect(reminderDue(running, [], day(57))).toBe(7);
    // Nothing once it has ended.
    expect(reminderDue(running, [], day(60))).toBeNull();
    expect(reminderDue(sixtyDays({ endedAt: day(40) }), [], day(55))).toBeNull();
  });
});
