import { randomUUID } from "node:crypto";
import type { NeonApi, NeonBranch } from "../../functions/neon/neon-api.ts";

/** Neon's API as a test double that keeps branches in memory and records every call. */
export class FakeNeonApi implements NeonApi {
  readonly calls: string[] = [];
  readonly branches = new Map<string, NeonBranch[]>();

  constructor(private readonly now: () => Date) {}

  async listBranches(projectId: string) {
    this.calls.push(`list ${projectId}`);
    return [...(this.branches.get(projectId) ?? [])];
  }

  async createBranch(projectId: string, input: { name: string; parentId: string }) {
    this.calls.push(`create ${projectId} ${input.name} from ${input.parentId}`);
    const branch = {
      id: `br-${randomUUID().slice(0, 8)}`,
      name: input.name,
      parentId: input.parentId,
      createdAt: this.now(),
    };
    this.branches.set(projectId, [...(this.branches.get(projectId) ?? []), branch]);
    return branch;
  }

  async deleteBranch(projectId: string, branchId: string) {
    this.calls.push(`delete ${projectId} ${branchId}`);
    this.branches.set(
      projectId,
      (this.branches.get(projectId) ?? []).filter((branch) => branch.id !== branchId),
    );
  }
}
