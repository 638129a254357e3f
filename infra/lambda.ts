// What every function of the app shares: how its code is bundled (infra/lib/lambda-bundle.ts,
// the same settings the bundle benchmark and the migrator's test build with), its runtime, and
// its logs.

import { functionFiles, LAMBDA_NODEJS, moveInlinedWasmToFile } from "./lib/lambda-bundle.ts";
import { migrationNamesBanner } from "./lib/migrations.ts";
import { logRetention } from "./lib/stage.ts";

export function lambdaDefaults(kind: "api" | "migrator" | "job") {
  return {
    runtime: "nodejs22.x" as const,
    architecture: "arm64" as const,
    nodejs: {
      format: LAMBDA_NODEJS.format,
      minify: LAMBDA_NODEJS.minify,
      loader: LAMBDA_NODEJS.loader,
      install: [...LAMBDA_NODEJS.install],
      esbuild: { external: [...LAMBDA_NODEJS.external] },
      banner: migrationNamesBanner(),
    },
    // Prisma's query compiler moved out of the bundle into a file (faster cold starts).
    hook: { postbuild: moveInlinedWasmToFile },
    copyFiles: functionFiles(kind),
    // Text format: the app's log lines are JSON already (pino, job reports), and Lambda passes
    // lines written to stdout and stderr through untouched, so metric filters and EMF see them.
    logging: { retention: logRetention($app.stage) },
    environment: { NODE_ENV: "production", LOG_LEVEL: "info", SST_STAGE: $app.stage },
  };
}
