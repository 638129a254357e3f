import type { BackupName } from "./backup-names.ts";

/** The guide's policy: 7 daily, 4 weekly and 12 monthly backups. */
export const DEFAULT_RETENTION = { daily: 7, weekly: 4, monthly: 12 } as const;
export type RetentionPolicy = { daily: number; weekly: number; monthly: number };

export interface RotationPlan {
  keep: { backup: BackupName; reasons: string[] }[];
  remove: BackupName[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const month = (date: Date) => date.toISOString().slice(0, 7);

/** ISO 8601 week, e.g. "2026-W53" for 2027-01-01 (weeks start on Monday; UTC). */
export function isoWeek(date: Date): string {
  // The week belongs to the year of its Thursday; week 1 is the week with 4 January in it.
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * Which backups to keep: the newest backup of each of the last `daily` days that have one, of
 * each of the last `weekly` ISO weeks and of the last `monthly` months (UTC). A backup may be
 * kept for several reasons; everything else goes. Counting days that have a backup, not
 * calendar days, means a week of failed backups never deletes the last good ones. Each kind
 * (full, tables) and each database is rotated on its own.
 */
export function planRotation(backups: BackupName[], policy: RetentionPolicy = DEFAULT_RETENTION): RotationPlan {
  const reasons = new Map<string, string[]>();
  const series = new Map<string, BackupName[]>();
  for (const backup of backups) {
    const key = `${backup.database}/${backup.kind}`;
    series.set(key, [...(series.get(key) ?? []), backup]);
  }
  for (const members of series.values()) {
    const newestFirst = [...members].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
    for (const [label, bucketOf, count] of [
      ["daily", day, policy.daily],
      ["weekly", isoWeek, policy.weekly],
      ["monthly", month, policy.monthly],
    ] as const) {
      const seen = new Set<string>();
      for (const backup of newestFirst) {
        const bucket = bucketOf(backup.takenAt);
        if (seen.has(bucket)) continue;
        if (seen.size >= count) break;
        seen.add(bucket);
        reasons.set(backup.dump, [...(reasons.get(backup.dump) ?? []), `${label} ${bucket}`]);
      }
    }
  }
  const sorted = [...backups].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  return {
    keep: sorted.filter((b) => reasons.has(b.dump)).map((backup) => ({ backup, reasons: reasons.get(backup.dump)! })),
    remove: sorted.filter((b) => !reasons.has(b.dump)),
  };
}
