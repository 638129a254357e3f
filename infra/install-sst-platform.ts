// Installs SST's platform (.sst/platform: its components, their types, Pulumi and the providers
// sst.config.ts names) without downloading anything but npm packages: `sst install` would fetch
// bun and the Pulumi CLI from GitHub, which locked-down CI and this project's machines cannot.
// Bun comes from npm (@oven/bun-linux-x64, an optional dependency); the Pulumi CLI is only needed
// by a real deploy, which runs where the network is (docs/deploy.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const HELP = `Usage: npm run sst:install [-- --help]

Writes .sst/platform (SST's components and types, Pulumi's SDK, the aws, random and neon
providers) with bun from npm instead of a download, so that sst.config.ts and infra/ can be
type-checked (tsc -p infra) and evaluated under Pulumi's mocks (tests/infra) offline.
Takes about 6 s the first time and 1 s once installed. Run by \`npm run check\`.
On machines other than Linux x64 it lets SST fetch bun itself (needs the network).`;

if (process.argv.includes("--help")) {
  console.log(HELP);
  process.exit(0);
}

const root = join(import.meta.dirname, "..");
const bunFromNpm = join(root, "node_modules", "@oven", `bun-${process.platform}-${process.arch}`, "bin", "bun");
const env: NodeJS.ProcessEnv = { ...process.env, SST_TELEMETRY_DISABLED: "1" };
if (existsSync(bunFromNpm)) {
  Object.assign(env, { SST_BUN_PATH: bunFromNpm, SST_SKIP_DEPENDENCY_CHECK: "1" });
}

console.log(
  `Installing SST's platform into .sst/platform${env.SST_BUN_PATH ? " (bun from npm, no downloads)" : ""}...`,
);
const started = performance.now();
const sst = join(root, "node_modules", ".bin", "sst");
// Without a terminal SST asks for a stage; "ci" only names the local state folder it writes.
const result = spawnSync(sst, ["install", "--stage", "ci"], { cwd: root, env, stdio: "inherit" });
if (result.status !== 0) {
  console.error(`sst install failed (exit ${result.status ?? result.signal}).`);
  process.exit(1);
}
console.log(`SST's platform installed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
