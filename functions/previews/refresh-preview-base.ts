import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Clock } from "../clock/clock.ts";
import type { FieldCipher } from "../crypto/field-cipher.ts";
import { databaseNameOf } from "../db/database-url.ts";
import type { NeonApi } from "../neon/neon-api.ts";
import { LocalBackupStore } from "../ops/backup-store.ts";
import { createBackup } from "../ops/create-backup.ts";
import { restoreBackup } from "../ops/restore-backup.ts";
import { type MaskingReport, maskPersonalData } from "./mask-personal-data.ts";

export interface PreviewBaseTarget {
  /** Where the real data is: production's Neon project and branch. */
  production: { projectId: string; branchId: string };
  /** Where previews branch from: the previews project and its base branch's name. */
  previews: { projectId: string; baseBranchName: string };
  /** The database and its owner on both sides (infra/database.ts). */
  databaseName: string;
  roleName: string;
}

export interface PreviewBaseReport {
  maskingBranch: string;
  masked: MaskingReport;
  tables: number;
  rows: number;
  seconds: number;
}

/** The previews project has no base branch of that name: it is made once, by hand (docs/deploy.md). */
export class PreviewBaseMissingError extends Error {
  constructor(name: string, projectId: string) {
    super(`No branch "${name}" in the previews project ${projectId}: create it once as docs/deploy.md says.`);
    this.name = "PreviewBaseMissingError";
  }
}

/**
 * Refreshes the anonymised base branch that every preview database is branched from, without
 * real data ever reaching the previews project: production is branched (copy-on-write) inside
 * its own project, that branch is masked (functions/previews/mask-personal-data.ts: every
 * personal column, the same catalogue GDPR erasure uses), the masked copy is dumped and restored
 * over the base branch's database and checked table by table against the dump's manifest, and
 * the masking branch is deleted whatever happens. Previews made before keep their own branch.
 */
export async function refreshPreviewBase(
  deps: { neon: NeonApi; clock: Clock; onProgress?: (message: string) => void },
  target: PreviewBaseTarget,
  preview: { cipher: FieldCipher; passwordHash: string },
): Promise<PreviewBaseReport> {
  const started = performance.now();
  const progress = deps.onProgress ?? (() => {});
  const base = (await deps.neon.listBranches(target.previews.projectId)).find(
    (branch) => branch.name === target.previews.baseBranchName,
  );
  if (!base) throw new PreviewBaseMissingError(target.previews.baseBranchName, target.previews.projectId);

  const stamp = deps.clock
    .now()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const maskingName = `masking-${stamp}`;
  progress(`branching production into ${maskingName}`);
  const masking = await deps.neon.createBranch(target.production.projectId, {
    name: maskingName,
    parentId: target.production.branchId,
    compute: true,
  });
  const workDir = await mkdtemp(join(tmpdir(), "exitmatch-preview-base-"));
  try {
    const maskingUrl = await deps.neon.connectionUri(target.production.projectId, {
      branchId: masking.id,
      databaseName: target.databaseName,
      roleName: target.roleName,
    });
    const client = new pg.Client({ connectionString: maskingUrl });
    await client.connect();
    let masked: MaskingReport;
    try {
      masked = await maskPersonalData(client, preview, progress);
    } finally {
      await client.end();
    }

    const store = new LocalBackupStore(workDir);
    await createBackup({ url: maskingUrl, store, now: deps.clock.now(), onProgress: progress });
    const baseUrl = await deps.neon.connectionUri(target.previews.projectId, {
      branchId: base.id,
      databaseName: target.databaseName,
      roleName: target.roleName,
    });
    const restored = await restoreBackup({
      serverUrl: baseUrl,
      database: databaseNameOf(baseUrl),
      store,
      overwrite: true,
      onProgress: progress,
    });
    if (restored.differences.length > 0) {
      throw new Error(`The base branch differs from the masked copy: ${restored.differences.join("; ")}`);
    }
    return {
      maskingBranch: masking.name,
      masked,
      tables: restored.tables,
      rows: restored.rows,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    // The masking branch held real data before it was masked: it never outlives the refresh.
    await deps.neon.deleteBranch(target.production.projectId, masking.id);
    await rm(workDir, { recursive: true, force: true });
    progress(`deleted ${maskingName}`);
  }
}
