// The migrator: a function the deploy invokes (infra/migrator.ts) before the new API code takes
// traffic. It applies prisma/migrations (shipped beside it) through the wasm schema engine, as
// the owner, over the direct (unpooled) connection. A failing migration fails the invocation
// with PostgreSQL's error, which fails `sst deploy`.
import { join } from "node:path";
import { deployMigrations } from "../../prisma/engine/deploy-migrations.mjs";
import { linkedValue } from "../config/linked-resources.ts";
import { ensureLoginRole } from "../db/database-roles.ts";
import { reportJob } from "./job-report.ts";

/** Where the migrations are: beside the bundle in Lambda, else this repository's. */
function migrationsDir() {
  return join(process.env.LAMBDA_TASK_ROOT ?? join(import.meta.dirname, "../.."), "prisma/migrations");
}

export async function handler(event: { migrationsHash?: string } = {}) {
  const url = process.env.DIRECT_URL ?? linkedValue("DatabaseDirect", "url");
  if (!url) throw new Error("The migrator needs DIRECT_URL (linked as DatabaseDirect in the cloud).");
  const started = performance.now();
  const { appliedMigrationNames } = await deployMigrations(url, migrationsDir(), (line) => {
    if (line.includes('"ERROR"') || line.includes('"WARN"')) console.error(line);
  });
  // The application's least-privilege login (a member of exitmatch_app, which the migrations
  // create), with the password infra/database.ts generated for this stage.
  const login = {
    name: linkedValue("DatabaseAppLogin", "name"),
    password: linkedValue("DatabaseAppLogin", "password"),
  };
  if (login.name && login.password)
    await ensureLoginRole(url, { name: login.name, password: login.password, kind: "app" });
  const result = {
    event: "migrations_applied",
    migrationsHash: event.migrationsHash,
    applied: appliedMigrationNames,
    durationMs: Math.round(performance.now() - started),
  };
  console.log(JSON.stringify(result));
  reportJob("migrator", true);
  return result;
}
