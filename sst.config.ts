/// <reference path="./.sst/platform/config.d.ts" />
// The ExitMatch cloud app. Kept small on purpose: each concern has its own module under infra/,
// imported in run() in the order the resources depend on each other, as in SST's templates.
// Stage rules (which stages are protected, own a database branch, keep backups) are pure
// functions in infra/lib/stage.ts, unit-tested. docs/deploy.md says how to deploy a stage.
export default $config({
  async app(input) {
    const { isProtectedStage, removalPolicy } = await import("./infra/lib/stage");
    return {
      name: "exitmatch",
      home: "aws",
      removal: removalPolicy(input.stage),
      protect: isProtectedStage(input.stage),
      providers: { aws: { region: "eu-west-2" }, neon: "0.13.0", random: "4.16.6" },
    };
  },
  async run() {
    await import("./infra/secrets");
    await import("./infra/database");
    await import("./infra/storage");
    const { migrator } = await import("./infra/migrator");
    const { api, apiFunction } = await import("./infra/api");
    const jobs = await import("./infra/jobs");
    const backups = await import("./infra/backups");
    await import("./infra/previews");
    const { watch } = await import("./infra/alarms");
    watch({ api, apiFunction, migrator, jobs, backups });
    return { api: api.url };
  },
});
