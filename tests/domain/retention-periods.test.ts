// The retention periods in code are the ones the data-lifecycle guide promises people
// (docs/data-lifecycle.md, "How long we keep it"): a change to either shows up here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_LOG_RETENTION_YEARS,
  EXPIRED_RECORD_GRACE_DAYS,
  FINANCIAL_RETENTION_YEARS,
  LISTING_INACTIVITY_YEARS,
  MESSAGE_RETENTION_DAYS,
  NOTIFICATION_RETENTION_DAYS,
  USER_RETENTION_DAYS,
} from "../../functions/domain/retention-periods.ts";

const guide = readFileSync(join(import.meta.dirname, "../../docs/data-lifecycle.md"), "utf8");
/** The "Kept for" cell of the guide's row that starts with `what`. */
function keptFor(what: string): string {
  const row = guide.split("\n").find((line) => line.startsWith(`| ${what}`));
  if (!row) throw new Error(`docs/data-lifecycle.md has no row for "${what}"`);
  return row.split("|")[2]!.trim();
}
const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

describe("retention periods", () => {
  it.each([
    ["A closed account", `${plural(USER_RETENTION_DAYS, "day")} after closing`],
    ["A listing with no activity", plural(LISTING_INACTIVITY_YEARS, "year")],
    ["Financial figures and valuations", `${plural(FINANCIAL_RETENTION_YEARS, "year")} after the period they cover`],
    ["The audit trail", plural(AUDIT_LOG_RETENTION_YEARS, "year")],
    ["Rate-limit hits", `${plural(EXPIRED_RECORD_GRACE_DAYS, "day")} after they stop mattering`],
    ["Sent, given-up or cancelled e-mails", `${plural(MESSAGE_RETENTION_DAYS, "day")} after they were queued`],
    ["Notifications", `${plural(NOTIFICATION_RETENTION_DAYS, "day")} after they were written`],
  ])("%s: kept for what the guide says", (what, inCode) => {
    expect(keptFor(what)).toBe(inCode);
  });
});
