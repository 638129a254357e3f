import { verifyNewestBackup } from "../../ops/restore-backup.ts";
import type { OpsCommand } from "./ops-command.ts";
import { reportRestore } from "./restore-report.ts";

export const backupVerify: OpsCommand = {
  usage: `
Usage: npm run ops -- backup verify [--location <folder|s3://bucket/prefix>]

Restores the newest full backup into a temporary database on the same server, compares every
table's row count and checksum with the manifest (the source as dumped), drops the temporary
database. Exits 1 and names each table that differs.`,
  needsDatabase: true,
  async run({ url, store, say, progress }) {
    return reportRestore(await verifyNewestBackup({ serverUrl: url, store, onProgress: progress }), "Verified", say);
  },
};
