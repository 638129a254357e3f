/// <reference path="./.sst/platform/config.d.ts" />
// The ExitMatch cloud app. Kept small on purpose: each concern (API, database, schedules,
// alarms) goes in its own file under infra/ and is imported inside run(), as in SST's
// templates. For now the app has no resources; the infrastructure is built in a later issue.
// Stage rules live in infra/stage.ts, where they are unit-tested.
export default $config({
  async app(input) {
    const { isProtectedStage, removalPolicy } = await import("./infra/lib/stage");
    return {
      name: "exitmatch",
      home: "aws",
      removal: removalPolicy(input.stage),
      protect: isProtectedStage(input.stage),
      providers: { aws: { region: "eu-west-2" }, neon: "0.13.0" },
    };
  },
  async run() {
    return {};
  },
});
