/** The part of Neon's API (https://api-docs.neon.tech) the scheduled jobs use. */
export interface NeonBranch {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: Date;
}

export interface NeonApi {
  listBranches(projectId: string): Promise<NeonBranch[]>;
  /** A copy-on-write branch of `parentId` as it is now (no compute: snapshots are not queried). */
  createBranch(projectId: string, input: { name: string; parentId: string }): Promise<NeonBranch>;
  deleteBranch(projectId: string, branchId: string): Promise<void>;
}

interface BranchJson {
  id: string;
  name: string;
  parent_id?: string | null;
  created_at: string;
}

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

  async createBranch(projectId: string, input: { name: string; parentId: string }) {
    const { branch } = await this.call<{ branch: BranchJson }>("POST", `/projects/${projectId}/branches`, {
      branch: { name: input.name, parent_id: input.parentId },
    });
    return fromJson(branch);
  }

  async deleteBranch(projectId: string, branchId: string) {
    await this.call("DELETE", `/projects/${projectId}/branches/${branchId}`);
  }
}
