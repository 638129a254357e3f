import { MAINTENANCE_TASKS, type MaintenanceTask, runMaintenance } from "../../ops/maintenance.ts";
import { EXIT, type OpsCommand } from "./ops-command.ts";
import { withPgClient } from "./with-pg-client.ts";

export const maintenance: OpsCommand = {
  usage: `
Usage: npm run ops -- maintenance [--analyze] [--vacuum] [--reindex] [--table <name>]...

--analyze  ANALYZE: refresh planner statistics (the default when no task is given)
--vacuum   VACUUM (ANALYZE): reclaim dead rows, then refresh statistics
--reindex  REINDEX TABLE CONCURRENTLY (plain REINDEX before PostgreSQL 12): rebuild bloated indexes
--table    only these tables (repeatable); default every table. Prints each step as it goes.`,
  needsDatabase: true,
  run: ({ url, values, say, progress }) =>
    withPgClient(url, async (client) => {
      const tasks = MAINTENANCE_TASKS.filter((task) => values[task]);
      const steps = await runMaintenance(client, {
        tasks: tasks.length > 0 ? tasks : (["analyze"] as MaintenanceTask[]),
        tables: values.table ?? [],
        onStep: (step, index, total) => progress(`[${index}/${total}] ${step.sql} (${step.ms} ms)`),
      });
      say(`Done: ${steps.length} steps, ${steps.reduce((sum, step) => sum + step.ms, 0)} ms.`);
      return EXIT.ok;
    }),
};
