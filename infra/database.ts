// The database: Neon. Production and staging use their own Neon projects, looked up (never
// created here). Every preview (pr-N) and personal stage gets a branch of its own in the
// previews project, made from the anonymised base branch (never from production: previews hold
// no real person's data; infra/previews.ts keeps that base branch refreshed and masked), with a
// compute that scales to zero, removed with the stage. Existing previews keep their branch when
// the base is refreshed (a refresh rewrites the base's contents; its id stays the same).
//
// Two connection strings, as links (encrypted in the functions' packages, never plain variables
// or outputs): DatabasePooled, through Neon's pooler (pgbouncer, transaction mode), for the API
// and jobs, as a login of the least-privilege exitmatch_app role; DatabaseDirect, unpooled, as the
// branch's owner, for the migrator alone. The migrator also makes the app's login
// (functions/jobs/migrator-handler.ts), with the password generated here.
import { deployConfig } from "./lib/deploy-config.ts";
import { historyRetentionSeconds, isProtectedStage, ownsDatabaseBranch } from "./lib/stage.ts";

const config = deployConfig($app.stage);
const DATABASE = "exitmatch";
const APP_LOGIN = "exitmatch_app_login";
const OWNER = "exitmatch_owner";

/** The app's login password, generated once per stage and kept in Pulumi's (encrypted) state. */
const appPassword = new random.RandomPassword("DatabaseAppPassword", { length: 40, special: false });

function urls(host: $util.Input<string>, ownerPassword: $util.Input<string>) {
  const pooledHost = $util.output(host).apply((value) => value.replace(/^([^.]+)/, "$1-pooler"));
  // Secret outputs: encrypted in Pulumi's state, masked in logs and diffs.
  return {
    pooled: $util.secret(
      $interpolate`postgresql://${APP_LOGIN}:${appPassword.result}@${pooledHost}/${DATABASE}?sslmode=require&pgbouncer=true`,
    ),
    direct: $util.secret($interpolate`postgresql://${OWNER}:${ownerPassword}@${host}/${DATABASE}?sslmode=require`),
  };
}

function previewBranch() {
  const projectId = config.neonPreviewProjectId!;
  const base = neon
    .getBranchesOutput({ projectId })
    .apply((result) => result.branches.find((branch) => branch.name === config.previewBaseBranch));
  const branch = new neon.Branch("DatabaseBranch", {
    projectId,
    parentId: base.apply((found) => {
      if (!found) throw new Error(`No branch ${config.previewBaseBranch} in the previews project (docs/deploy.md).`);
      return found.id;
    }),
    name: $app.stage,
  });
  const endpoint = new neon.Endpoint("DatabaseEndpoint", {
    projectId,
    branchId: branch.id,
    type: "read_write",
    // Scales to zero after five idle minutes; previews cost nothing while nobody looks.
    suspendTimeoutSeconds: 300,
    autoscalingLimitMinCu: 0.25,
    autoscalingLimitMaxCu: 1,
  });
  // The branch inherits the base's database and its owner (with the owner's password), made
  // once when the previews project was set up (docs/deploy.md).
  const owner = neon.getBranchRolePasswordOutput({ projectId, branchId: branch.id, roleName: OWNER });
  return { projectId, branchId: branch.id, ...urls(endpoint.host, owner.password) };
}

function stageDatabase() {
  const projectId = config.neonProjectId!;
  const project = neon.getProjectOutput({ id: projectId });
  // The project itself was made by hand (docs/deploy.md); the stage only sets how far back it
  // can be restored, adopting the project without ever replacing or deleting it.
  new neon.Project(
    "DatabaseProject",
    { name: project.name, historyRetentionSeconds: historyRetentionSeconds($app.stage) },
    { import: projectId, protect: isProtectedStage($app.stage), retainOnDelete: true, ignoreChanges: ["name"] },
  );
  const branchId = config.neonBranchId!;
  const host = neon.getBranchEndpointsOutput({ projectId, branchId }).apply((result) => {
    const endpoint = result.endpoints?.find((candidate) => candidate.type === "read_write");
    if (!endpoint) throw new Error(`Neon branch ${branchId} has no read-write compute (docs/deploy.md).`);
    return endpoint.host;
  });
  const owner = neon.getBranchRolePasswordOutput({ projectId, branchId, roleName: OWNER });
  return { projectId, branchId, ...urls(host, owner.password) };
}

export const database = ownsDatabaseBranch($app.stage) ? previewBranch() : stageDatabase();

export const databasePooled = new sst.Linkable("DatabasePooled", { properties: { url: database.pooled } });
export const databaseDirect = new sst.Linkable("DatabaseDirect", { properties: { url: database.direct } });
export const databaseAppLogin = new sst.Linkable("DatabaseAppLogin", {
  properties: { name: APP_LOGIN, password: $util.secret(appPassword.result) },
});
