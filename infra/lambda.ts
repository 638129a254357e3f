// What every function of the app shares: how its code is bundled (infra/lib/lambda-bundle.ts,
// the same settings the bundle benchmark measures), its runtime, and its logs.
import { functionFiles, LAMBDA_ESBUILD, LAMBDA_INSTALL } from "./lib/lambda-bundle.ts";
import { logRetention } from "./lib/stage.ts";

export function lambdaDefaults(kind: "api" | "migrator" | "job") {
  const { define, external, banner, loader } = LAMBDA_ESBUILD;
  return {
    runtime: "nodejs22.x" as const,
    architecture: "arm64" as const,
    nodejs: {
      format: "esm" as const,
      minify: true,
      banner: banner.js,
      loader,
      install: LAMBDA_INSTALL,
      // Prisma's query compiler ships as a .wasm file beside the code (faster cold starts).
      plugins: "infra/lib/prisma-wasm-plugin.mjs",
      esbuild: { define, external: [...external], target: "node22" },
    },
    copyFiles: functionFiles(kind),
    // Text format: the app's log lines are JSON already (pino, job reports), and Lambda passes
    // lines written to stdout and stderr through untouched, so metric filters and EMF see them.
    logging: { retention: logRetention($app.stage) },
    environment: { NODE_ENV: "production", LOG_LEVEL: "info", SST_STAGE: $app.stage },
  };
}
