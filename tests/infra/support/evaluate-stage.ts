// Evaluates the real sst.config.ts run() of one stage under Pulumi's mocks, in a process of its
// own (module state is per stage), and prints what it declared as JSON: every resource with its
// inputs and options, every function build SST asked for (handler, links, files to copy), and
// every data-source call. Nothing reaches AWS or Neon: resources are recorded by the mocks, and
// SST's Go side (its RPC server: function builds, the account's bootstrap bucket) is a small fake
// here that checks what it is given instead of building it.
//   tsx tests/infra/support/evaluate-stage.ts <stage> <root> <bundle>
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { EVAL_GLOBALS } from "./sst-eval-bundle.ts";

export interface RecordedResource {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  parent?: string | undefined;
  options: {
    protect?: boolean | undefined;
    retainOnDelete?: boolean | undefined;
    import?: string | undefined;
    ignoreChanges?: string[] | undefined;
    dependsOn?: string[];
  };
}

export interface RecordedBuild {
  functionID: string;
  handler: string;
  links: Record<string, Record<string, unknown>>;
  copyFiles: { from: string; to?: string }[];
  properties: Record<string, unknown>;
}

export interface StageEvaluation {
  app: Record<string, unknown>;
  resources: RecordedResource[];
  builds: RecordedBuild[];
  calls: { token: string; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
}

const [stage, root, bundle] = process.argv.slice(2) as [string, string, string];
const platform = join(root, ".sst", "platform");
const pulumi = (await import(pathToFileURL(join(platform, "node_modules/@pulumi/pulumi/index.js")).href)) as {
  runtime: {
    setMocks(mocks: unknown, project: string, stack: string, preview: boolean): Promise<void>;
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    registerStackTransformation(t: (args: TransformationArgs) => undefined): void;
  };
  Output: { isInstance(value: unknown): boolean };
};
interface TransformationArgs {
  type: string;
  name: string;
  opts: Record<string, unknown> & { parent?: { __name?: string }; dependsOn?: unknown };
}

// --- SST's RPC server, faked ---------------------------------------------------------------
const builds: RecordedBuild[] = [];
const buildErrors = (input: RecordedBuild): string[] => {
  const errors: string[] = [];
  const [file, exported] = [input.handler.replace(/\.[^.]+$/, ""), input.handler.split(".").at(-1)];
  const source = [".ts", ".mjs", ".js"].map((ext) => join(root, `${file}${ext}`)).find((path) => existsSync(path));
  if (!source) errors.push(`handler ${input.handler}: no such file`);
  else if (
    !new RegExp(`export (async )?function ${exported}\\b|export const ${exported}\\b`).test(
      readFileSync(source, "utf8"),
    )
  )
    errors.push(`handler ${input.handler}: ${source} does not export ${exported}`);
  for (const copy of input.copyFiles)
    if (!existsSync(isAbsolute(copy.from) ? copy.from : join(root, copy.from)))
      errors.push(`copyFiles: no ${copy.from}`);
  return errors;
};
const bootstrap = {
  asset: "sst-asset-123456789012",
  assetEcrRegistryId: "123456789012",
  assetEcrUrl: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/sst-asset",
  state: "sst-state-123456789012",
  appsyncHttp: "",
  appsyncRealtime: "",
};
const outDirs = mkdtempSync(join(tmpdir(), "exitmatch-sst-build-"));
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    const { method, params } = JSON.parse(body) as { method: string; params: [Record<string, unknown>] };
    const reply = (result: unknown, error?: string) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(error ? { error } : { result }));
    };
    if (method === "Provider.Aws.Bootstrap") return reply(bootstrap);
    if (method === "Runtime.Build") {
      const input = params[0] as unknown as RecordedBuild;
      builds.push({
        functionID: input.functionID,
        handler: input.handler,
        links: input.links,
        copyFiles: input.copyFiles ?? [],
        properties: input.properties,
      });
      const out = join(outDirs, input.functionID);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, "index.mjs"), "export const handler = () => {};\n");
      return reply({ handler: input.handler, out, errors: buildErrors(input), sourcemaps: [] });
    }
    reply(undefined, `rpc: can't find method ${method}`);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address() as { port: number };
process.env.SST_SERVER = `http://127.0.0.1:${address.port}`;

// --- Pulumi's mocks ----------------------------------------------------------------------------
const ACCOUNT = "123456789012";
const REGION = "eu-west-2";
const resources: RecordedResource[] = [];
const calls: StageEvaluation["calls"] = [];

/** Outputs a provider would add (ids, ARNs, generated names) for the types this app uses. */
function outputsOf(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const service = type.split(":")[1]?.split("/")[0] ?? "x";
  const physical = (inputs.name as string | undefined) ?? `${name.toLowerCase()}-${stage}`;
  const common = { arn: `arn:aws:${service}:${REGION}:${ACCOUNT}:${physical}`, name: physical };
  switch (type) {
    case "random:index/randomPassword:RandomPassword":
      return { result: `SENTINEL-generated-${name}` };
    case "aws:s3/bucketV2:BucketV2":
    case "aws:s3/bucket:Bucket":
      return {
        ...common,
        arn: `arn:aws:s3:::${physical}`,
        bucket: physical,
        bucketRegionalDomainName: `${physical}.s3`,
      };
    case "neon:index/branch:Branch":
      return { id: `br-${stage}` };
    case "neon:index/endpoint:Endpoint":
      return { host: `ep-${stage}-123.${REGION}.aws.neon.tech` };
    case "aws:apigatewayv2/api:Api":
      return {
        ...common,
        apiEndpoint: `https://api-${stage}.execute-api.${REGION}.amazonaws.com`,
        executionArn: common.arn,
      };
    case "aws:ecr/repository:Repository":
      return { ...common, repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${physical}` };
    default:
      return common;
  }
}

await pulumi.runtime.setMocks(
  {
    newResource(args: { type: string; name: string; inputs: Record<string, unknown>; custom: boolean; id?: string }) {
      const record = resources.find((resource) => resource.type === args.type && resource.name === args.name);
      if (record) {
        record.inputs = args.inputs;
        record.custom = args.custom;
      } else {
        resources.push({ type: args.type, name: args.name, custom: args.custom, inputs: args.inputs, options: {} });
      }
      const id = args.type === "neon:index/branch:Branch" ? `br-${stage}` : `${args.name}-id`;
      return { id: args.id || id, state: { ...args.inputs, ...outputsOf(args.type, args.name, args.inputs) } };
    },
    call(args: { token: string; inputs: Record<string, unknown> }) {
      calls.push({ token: args.token, inputs: args.inputs });
      switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "deployer" };
        case "aws:index/getRegion:getRegion":
          return { name: REGION, region: REGION, id: REGION };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com" };
        case "aws:iam/getPolicyDocument:getPolicyDocument":
          // Like the provider: no statements in, none out (SST then adds no inline policy).
          return {
            json: JSON.stringify(args.inputs),
            statements: (args.inputs.statements as unknown[] | undefined)?.length ? args.inputs.statements : undefined,
          };
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
          return { names: [`${REGION}a`, `${REGION}b`, `${REGION}c`], zoneIds: ["euw2-az1", "euw2-az2", "euw2-az3"] };
        case "neon:index/getBranches:getBranches":
          return {
            projectId: args.inputs.projectId,
            branches: [
              { id: "br-main", name: "main", primary: true },
              { id: "br-anonymised-base", name: "anonymised-base", primary: false },
            ],
          };
        case "neon:index/getProject:getProject":
          return {
            id: args.inputs.id,
            name: `exitmatch-${stage}`,
            databaseHost: `ep-${stage}-default.${REGION}.aws.neon.tech`,
          };
        case "neon:index/getBranchEndpoints:getBranchEndpoints":
          return {
            projectId: args.inputs.projectId,
            branchId: args.inputs.branchId,
            endpoints: [{ id: `ep-${stage}`, type: "read_write", host: `ep-${stage}-main.${REGION}.aws.neon.tech` }],
          };
        case "neon:index/getBranchRolePassword:getBranchRolePassword":
          return { password: `SENTINEL-neon-owner-password-${stage}` };
        default:
          return {};
      }
    },
  },
  "exitmatch",
  stage,
  false,
);

// --- SST's globals and the program -------------------------------------------------------------
const mod = (await import(pathToFileURL(bundle).href)) as {
  config: { app(input: { stage: string }): Promise<Record<string, unknown>> };
  evaluate(wrap: (run: () => Promise<unknown>) => Promise<unknown>): Promise<Record<string, unknown>>;
};
const app = { ...(await mod.config.app({ stage })), stage, version: "4.17.1" };
(globalThis as Record<string, unknown>)[EVAL_GLOBALS.app] = app;
(globalThis as Record<string, unknown>)[EVAL_GLOBALS.cli] = {
  command: "deploy",
  dev: false,
  paths: { home: join(outDirs, "home"), root, work: join(root, ".sst"), platform },
  state: { version: {} },
};

const nameOf = (resource: unknown) => (resource as { __name?: string } | undefined)?.__name;
const outputs = (await pulumi.runtime.runInPulumiStack(() =>
  mod.evaluate(async (run) => {
    // After SST's own transformations (retain on delete, tags), so the options are final.
    pulumi.runtime.registerStackTransformation((args) => {
      const dependsOn = ([] as unknown[])
        .concat(args.opts.dependsOn ?? [])
        .map(nameOf)
        .filter(Boolean) as string[];
      const record = { type: args.type, name: args.name, custom: false, inputs: {}, options: {} } as RecordedResource;
      const existing = resources.find((resource) => resource.type === args.type && resource.name === args.name);
      const target = existing ?? record;
      if (!existing) resources.push(record);
      target.parent = nameOf(args.opts.parent);
      target.options = {
        protect: args.opts.protect as boolean | undefined,
        retainOnDelete: args.opts.retainOnDelete as boolean | undefined,
        import: args.opts.import as string | undefined,
        ignoreChanges: args.opts.ignoreChanges as string[] | undefined,
        dependsOn,
      };
      return undefined;
    });
    return run();
  }),
)) as Record<string, unknown>;

// Registrations finish after the program returns: wait for Pulumi's queue of calls to drain
// (what `pulumi up` does before it exits), until no new resource arrives.
const settings = (await import(
  pathToFileURL(join(platform, "node_modules/@pulumi/pulumi/runtime/settings.js")).href
)) as {
  waitForRPCs(): Promise<void>;
};
let count = -1;
while (count !== resources.length) {
  count = resources.length;
  await settings.waitForRPCs();
  await new Promise((resolve) => setTimeout(resolve, 200));
}
server.close();
const evaluation: StageEvaluation = { app, resources, builds, calls, outputs };
process.stdout.write(JSON.stringify(evaluation));
process.exit(0);
