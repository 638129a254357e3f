/** The part of Neon's API (https://api-docs.neon.tech) the scheduled jobs use. */
export interface NeonBranch {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: Date;
}

export interface NewBranch {
  name: string;
  parentId: string;
  /** Give it a read-write compute, to connect to (snapshots have none: they are not queried). */
  compute?: boolean;
}

export interface NeonApi {
  listBranches(projectId: string): Promise<NeonBranch[]>;
  /** A copy-on-write branch of `parentId` as it is now, ready to use when this returns. */
  createBranch(projectId: string, input: NewBranch): Promise<NeonBranch>;
  deleteBranch(projectId: string, branchId: string): Promise<void>;
  /** A direct (unpooled) connection string to a database of a branch that has a compute. */
  connectionUri(
    projectId: string,
    target: { branchId: string; databaseName: string; roleName: string },
  ): Promise<string>;
}

interface BranchJson {
  id: string;
  name: string;
  parent_id?: string | null;
  created_at: string;
  current_state?: string;
}

/** How long a new branch may take to be ready, and how often to look. */
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 2_000;

const fromJson = (branch: BranchJson): NeonBranch => ({
  id: branch.id,
  name: branch.name,
  parentId: branch.parent_id ?? null,
  createdAt: new Date(branch.created_at),
});

/** Neon's HTTP API with an API key (a secret of the stage). */
export class NeonHttpApi implements NeonApi {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://console.neon.tech/api/v2",
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        accept: "application/json",
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`Neon API ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async listBranches(projectId: string) {
    const { branches } = await this.call<{ branches: BranchJson[] }>("GET", `/projects/${projectId}/branches`);
    return branches.map(fromJson);
  }

  async createBranch(projectId: string, input: NewBranch) {
    const { branch } = await this.call<{ branch: BranchJson }>("POST", `/projects/${projectId}/branches`, {
      branch: { name: input.name, parent_id: input.parentId },
      ...(input.compute ? { endpoints: [{ type: "read_write" }] } : {}),
    });
    // Creating a branch (and its compute) is an operation Neon finishes in the background.
    const deadline = performance.now() + READY_TIMEOUT_MS;
    let state = branch.current_state;
    while (state !== undefined && state !== "ready") {
      if (performance.now() > deadline)
        throw new Error(`Neon branch ${branch.name} not ready after ${READY_TIMEOUT_MS / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
      state = (await this.call<{ branch: BranchJson }>("GET", `/projects/${projectId}/branches/${branch.id}`)).branch
        .current_state;
    }
    return fromJson(branch);
  }

  async deleteBranch(projectId: string, branchId: string) {
    await this.call("DELETE", `/projects/${projectId}/branches/${branchId}`);
  }

  async connectionUri(projectId: string, target: { branchId: string; databaseName: string; roleName: string }) {
    const query = new URLSearchParams({
      branch_id: target.branchId,
      database_name: target.databaseName,
      role_name: target.roleName,
      pooled: "false",
    });
    return (await this.call<{ uri: string }>("GET", `/projects/${projectId}/connection_uri?${query}`)).uri;
  }
}
