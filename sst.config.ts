/// <reference path="./.sst/platform/config.d.ts" />
// The ExitMatch cloud app. Kept small on purpose: each concern has its own module under infra/,
// imported in run() (SST's templates do the same); each module imports what it builds on.
// Stage rules (which stages are protected, own a database branch, keep backups) are pure
// functions in infra/lib/stage.ts, unit-tested; the whole graph of each stage is evaluated
// offline in tests/infra. docs/deploy.md says how to deploy a stage.
export default $config({
  async app(input) {
    const { isProtectedStage, removalPolicy } = await import("./infra/lib/stage.ts");
    return {
      name: "exitmatch",
      home: "aws",
      removal: removalPolicy(input.stage),
      protect: isProtectedStage(input.stage),
      providers: { aws: { region: "eu-west-2" }, neon: "0.13.0", random: "4.16.6" },
    };
  },
  async run() {
    const { api } = await import("./infra/api.ts"); // with the database, secrets, bucket, migrator
    await import("./infra/jobs.ts");
    await import("./infra/backups.ts");
    await import("./infra/previews.ts");
    await import("./infra/alarms.ts"); // watches everything above
    return { api: api.url };
  },
});
