// Migrations as a deploy step: the migrator function (functions/jobs/migrator-handler.ts)
// applies prisma/migrations with the wasm schema engine, and the deploy invokes it whenever the
// migrations change (a digest of the folder), before the new API code goes live (infra/api.ts
// depends on this invocation): a failing migration fails `sst deploy` with PostgreSQL's error.
import { databaseAppLogin, databaseDirect } from "./database.ts";
import { lambdaDefaults } from "./lambda.ts";
import { migrationsHash } from "./lib/migrations.ts";

export const migrator = new sst.aws.Function("Migrator", {
  ...lambdaDefaults("migrator"),
  handler: "functions/jobs/migrator-handler.handler",
  link: [databaseDirect, databaseAppLogin],
  memory: "1024 MB",
  timeout: "15 minutes",
});

const hash = migrationsHash();

export const migration = $dev
  ? undefined
  : new aws.lambda.Invocation("MigratorInvocation", {
      functionName: migrator.name,
      input: JSON.stringify({ migrationsHash: hash }),
      triggers: { migrationsHash: hash },
    });
