import type pg from "pg";
import { serverVersionOf } from "./pg-tools.ts";
import { listTables } from "./table-checksums.ts";

export const MAINTENANCE_TASKS = ["analyze", "vacuum", "reindex"] as const;
export type MaintenanceTask = (typeof MAINTENANCE_TASKS)[number];

export interface MaintenanceStep {
  task: MaintenanceTask;
  table: string;
  sql: string;
  ms: number;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The guide's regular maintenance, table by table so progress shows and one table can be done
 * alone: ANALYZE (planner statistics), VACUUM ANALYZE (reclaims dead rows, then statistics) and
 * REINDEX, CONCURRENTLY where the server supports it (PostgreSQL 12+) so writes go on meanwhile.
 * VACUUM and REINDEX CONCURRENTLY cannot run in a transaction block: give a plain connection.
 */
export async function runMaintenance(
  client: pg.ClientBase,
  options: {
    tasks: MaintenanceTask[];
    tables?: string[];
    onStep?: (step: MaintenanceStep, index: number, total: number) => void;
  },
): Promise<MaintenanceStep[]> {
  const all = await listTables(client);
  const tables = options.tables && options.tables.length > 0 ? options.tables : all;
  const unknown = tables.filter((table) => !all.includes(table));
  if (unknown.length > 0) throw new UnknownTableError(unknown);
  const concurrently = (await serverVersionOf(client)).major >= 12 ? "CONCURRENTLY " : "";
  const statement: Record<MaintenanceTask, (table: string) => string> = {
    analyze: (table) => `ANALYZE public.${quote(table)}`,
    vacuum: (table) => `VACUUM (ANALYZE) public.${quote(table)}`,
    reindex: (table) => `REINDEX TABLE ${concurrently}public.${quote(table)}`,
  };
  const plan = options.tasks.flatMap((task) => tables.map((table) => ({ task, table, sql: statement[task](table) })));
  const steps: MaintenanceStep[] = [];
  for (const [index, item] of plan.entries()) {
    const started = performance.now();
    await client.query(item.sql);
    const step = { ...item, ms: Math.round(performance.now() - started) };
    steps.push(step);
    options.onStep?.(step, index + 1, plan.length);
  }
  return steps;
}

export class UnknownTableError extends Error {
  constructor(tables: string[]) {
    super(`No such table: ${tables.join(", ")}`);
    this.name = "UnknownTableError";
  }
}
