import { reportJob } from "../../jobs/job-report.ts";
import { createBackup } from "../../ops/create-backup.ts";
import { EXIT, type OpsCommand } from "./ops-command.ts";

export const backup: OpsCommand = {
  usage: `
Usage: npm run ops -- backup [--table <name>]... [--location <folder|s3://bucket/prefix>]

pg_dump in custom format (compressed), of the whole database or only the named tables, to
<database>-<UTC time>Z[-tables].dump plus a .json manifest: SHA-256 of the dump, the applied
migrations, and every table's row count and checksum read in the dump's own snapshot.
Needs pg_dump of the server's major version or newer.`,
  needsDatabase: true,
  async run({ url, store, values, say, progress }) {
    const result = await createBackup({ url, store, tables: values.table ?? [], onProgress: progress });
    const tables = Object.values(result.manifest.tableChecksums);
    const rows = tables.reduce((sum, table) => sum + table.rows, 0);
    say(
      `Backed up ${result.manifest.database} (${tables.length} tables, ${rows} rows) ` +
        `to ${store.location}/${result.name.dump}: ${(result.manifest.dumpBytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s`,
    );
    // The scheduled backup (infra/backups.ts) reports success as a metric for its alarm.
    if (process.env.EXITMATCH_REPORT_JOB) reportJob(process.env.EXITMATCH_REPORT_JOB, true);
    return EXIT.ok;
  },
};
