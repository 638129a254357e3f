import { restoreBackup } from "../../ops/restore-backup.ts";
import { type OpsCommand, UsageError } from "./ops-command.ts";
import { reportRestore } from "./restore-report.ts";

export const restore: OpsCommand = {
  usage: `
Usage: npm run ops -- restore --into <database> [--backup <file.dump>] [--overwrite] [--production] [--location ...]

Restores the newest full backup (or --backup) into <database> on the server, creating it if
needed, then checks every table against the manifest. Refuses a database that has tables
unless --overwrite (it is dropped and recreated), and a production database (NODE_ENV=production
or a name containing "prod") unless --production as well.`,
  needsDatabase: true,
  async run({ url, store, values, environment, say, progress }) {
    if (!values.into) throw new UsageError("restore needs --into <database>");
    const result = await restoreBackup({
      serverUrl: url,
      database: values.into,
      store,
      ...(values.backup ? { backup: values.backup } : {}),
      overwrite: values.overwrite ?? false,
      production: values.production ?? false,
      nodeEnv: environment.NODE_ENV,
      onProgress: progress,
    });
    return reportRestore(result, "Restored", say);
  },
};
