import { DEFAULT_RETENTION, planRotation } from "../../ops/backup-rotation.ts";
import { listBackups } from "../../ops/restore-backup.ts";
import { EXIT, type OpsCommand, type OpsValues, UsageError } from "./ops-command.ts";

/** How many backups of a period to keep: the option, else the default. */
function keepCount(values: OpsValues, name: "daily" | "weekly" | "monthly"): number {
  const value = values[name] === undefined ? DEFAULT_RETENTION[name] : Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number`);
  return value;
}

export const backupRotate: OpsCommand = {
  usage: `
Usage: npm run ops -- backup rotate [--dry-run] [--daily 7] [--weekly 4] [--monthly 12] [--location ...]

Keeps the newest backup of each of the last 7 days that have one, of the last 4 ISO weeks and
of the last 12 months (UTC); removes the rest (dump and manifest). --dry-run lists what would go.`,
  needsDatabase: false,
  async run({ store, values, say }) {
    const dryRun = values["dry-run"] ?? false;
    const plan = planRotation(await listBackups(store), {
      daily: keepCount(values, "daily"),
      weekly: keepCount(values, "weekly"),
      monthly: keepCount(values, "monthly"),
    });
    for (const { backup, reasons } of plan.keep) say(`keep    ${backup.dump} (${reasons.join(", ")})`);
    for (const backup of plan.remove) {
      say(`${dryRun ? "would remove" : "remove"}  ${backup.dump}`);
      if (!dryRun) {
        await store.remove(backup.manifest);
        await store.remove(backup.dump);
      }
    }
    say(`${plan.keep.length} kept, ${plan.remove.length} ${dryRun ? "would be " : ""}removed.`);
    return EXIT.ok;
  },
};
