import type { Clock } from "../clock/clock.ts";
import { type BackupName, backupName, parseBackupName } from "../ops/backup-names.ts";
import { DEFAULT_RETENTION, planRotation, type RetentionPolicy } from "../ops/backup-rotation.ts";
import type { NeonApi, NeonBranch } from "./neon-api.ts";

/** Snapshot branches are named like backups (`snapshot-20261201T020000Z.dump`, minus the extension). */
const SNAPSHOT_DATABASE = "snapshot";

const snapshotBranchName = (takenAt: Date) =>
  backupName(SNAPSHOT_DATABASE, takenAt, "full").dump.replace(/\.dump$/, "");
const asBackup = (branch: NeonBranch): BackupName | undefined => {
  const parsed = parseBackupName(`${branch.name}.dump`);
  return parsed?.database === SNAPSHOT_DATABASE ? parsed : undefined;
};

export interface SnapshotReport {
  created: string;
  kept: string[];
  deleted: string[];
}

/**
 * The daily snapshot of a Neon database: a copy-on-write branch of the production branch, named
 * by its time, then the same rotation as `ops backup rotate` (7 daily, 4 weekly, 12 monthly;
 * functions/ops/backup-rotation.ts) over the snapshot branches. Branches that are not snapshots
 * are never touched.
 */
export async function takeSnapshot(
  deps: { neon: NeonApi; clock: Clock },
  target: { projectId: string; branchId: string },
  policy: RetentionPolicy = DEFAULT_RETENTION,
): Promise<SnapshotReport> {
  const name = snapshotBranchName(deps.clock.now());
  const created = await deps.neon.createBranch(target.projectId, { name, parentId: target.branchId });
  const snapshots = (await deps.neon.listBranches(target.projectId)).flatMap((branch) => {
    const backup = asBackup(branch);
    return backup ? [{ branch, backup }] : [];
  });
  const plan = planRotation(
    snapshots.map((snapshot) => snapshot.backup),
    policy,
  );
  const byName = new Map(snapshots.map((snapshot) => [snapshot.backup.dump, snapshot.branch]));
  const deleted: string[] = [];
  for (const backup of plan.remove) {
    const branch = byName.get(backup.dump)!;
    await deps.neon.deleteBranch(target.projectId, branch.id);
    deleted.push(branch.name);
  }
  return { created: created.name, kept: plan.keep.map((entry) => byName.get(entry.backup.dump)!.name), deleted };
}
