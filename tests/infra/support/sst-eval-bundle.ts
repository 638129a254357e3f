// Builds sst.config.ts the way `sst deploy` does before running it (SST 4.17's pkg/js/js.go and
// pkg/project/stack.go): one ESM bundle with the provider namespaces (aws, neon, random) and
// `sst` prepended to every file outside .sst as imports, SST's shim injected for the `$` globals,
// @pulumi/* and providers left external (resolved from .sst/platform/node_modules), and run()
// wrapped in SST's auto/run.ts. One difference: `$app`, `$cli` and `$dev` are read from
// globalThis instead of being inlined, so one bundle serves every stage.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

export const EVAL_GLOBALS = { app: "__exitmatchSstApp", cli: "__exitmatchSstCli" } as const;

export async function buildEvalBundle(root: string): Promise<string> {
  const platform = join(root, ".sst", "platform");
  const lock = JSON.parse(readFileSync(join(root, ".sst", "provider-lock.json"), "utf8")) as {
    alias: string;
    package: string;
  }[];
  const globals = [
    ...lock.map((entry) => `import * as ${entry.alias} from "${entry.package}";`),
    `import * as sst from "${join(platform, "src/components")}";`,
  ].join("\n");
  const injectGlobals: Plugin = {
    name: "inject-globals",
    setup(plugin) {
      plugin.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
        const contents = readFileSync(args.path, "utf8");
        return { contents: args.path.includes(".sst") ? contents : `${globals}\n${contents}`, loader: "default" };
      });
    },
  };
  // Inside .sst/platform, so that the externals resolve to the platform's own copies.
  const outfile = join(platform, `exitmatch-eval-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: `
        import { run } from "${join(platform, "src/auto/run.ts")}";
        import mod from "${join(root, "sst.config.ts")}";
        export const config = mod;
        export function evaluate(wrap) { return run(() => wrap(mod.run)); }
      `,
      resolveDir: root,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    banner: {
      js: [
        "import { createRequire as topLevelCreateRequire } from 'module';",
        "const require = topLevelCreateRequire(import.meta.url);",
        'import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"',
        "const __filename = topLevelFileUrlToPath(import.meta.url)",
        'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
      ].join("\n"),
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    nodePaths: [join(platform, "node_modules")],
    plugins: [injectGlobals],
    external: [
      "@pulumi/*",
      "undici",
      "@pulumiverse/*",
      "@sst-provider/*",
      "@aws-sdk/*",
      "esbuild",
      "archiver",
      "glob",
      "vite",
    ],
    define: { $app: `globalThis.${EVAL_GLOBALS.app}`, $cli: `globalThis.${EVAL_GLOBALS.cli}`, $dev: "false" },
    inject: [join(platform, "src/shim/run.js")],
    outfile,
    bundle: true,
    logLevel: "silent",
  });
  return outfile;
}
