import type { RestoreResult } from "../../ops/restore-backup.ts";
import { EXIT } from "./ops-command.ts";

/** Says how a restore went, table by table where it differs; the exit code follows. */
export function reportRestore(result: RestoreResult, verb: string, say: (message: string) => void): number {
  say(
    `${verb} ${result.backup.dump} into ${result.database}: ${result.tables} tables, ${result.rows} rows, ${result.seconds.toFixed(1)} s`,
  );
  if (result.differences.length === 0) say("Every table matches the backup's manifest (row counts and checksums).");
  else for (const difference of result.differences) say(`DIFFERS ${difference}`);
  return result.differences.length === 0 ? EXIT.ok : EXIT.failed;
}
