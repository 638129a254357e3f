import { randomUUID } from "node:crypto";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import type { NeonApi, NeonBranch, NewBranch } from "../../functions/neon/neon-api.ts";
import { onServer } from "./test-database.ts";

/** Neon's API as a test double that keeps branches in memory and records every call. */
export class FakeNeonApi implements NeonApi {
  readonly calls: string[] = [];
  readonly branches = new Map<string, NeonBranch[]>();

  constructor(private readonly now: () => Date) {}

  async listBranches(projectId: string) {
    this.calls.push(`list ${projectId}`);
    return [...(this.branches.get(projectId) ?? [])];
  }

  async createBranch(projectId: string, input: NewBranch) {
    this.calls.push(`create ${projectId} ${input.name} from ${input.parentId}${input.compute ? " with compute" : ""}`);
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

  async connectionUri(
    projectId: string,
    target: { branchId: string; databaseName: string; roleName: string },
  ): Promise<string> {
    this.calls.push(`connect ${projectId} ${target.branchId} ${target.databaseName} as ${target.roleName}`);
    throw new Error("FakeNeonApi has no databases: use NeonOnPostgres to connect to branches.");
  }
}

/**
 * Neon's API over a real PostgreSQL server: a branch is a database, and branching copies the
 * parent's database (CREATE DATABASE ... TEMPLATE, a copy as of now, like Neon's copy-on-write
 * branch); deleting a branch drops it. Connection strings point at the branch's database.
 */
export class NeonOnPostgres extends FakeNeonApi {
  /** Branch id -> its database on the server. */
  readonly databases = new Map<string, string>();

  constructor(
    now: () => Date,
    private readonly serverUrl: string,
  ) {
    super(now);
  }

  /** Adds an existing database as a branch (production's, the previews' base). */
  adopt(projectId: string, name: string, database: string): NeonBranch {
    const branch = { id: `br-${name}`, name, parentId: null, createdAt: new Date(0) };
    this.branches.set(projectId, [...(this.branches.get(projectId) ?? []), branch]);
    this.databases.set(branch.id, database);
    return branch;
  }

  override async createBranch(projectId: string, input: NewBranch) {
    const branch = await super.createBranch(projectId, input);
    const parent = this.databases.get(input.parentId);
    if (parent) {
      const database = `${parent}_${branch.id.replace(/-/g, "_")}`;
      // A template database must have no other sessions while it is copied.
      await onServer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [parent]);
      await onServer(`CREATE DATABASE "${database}" TEMPLATE "${parent}"`);
      this.databases.set(branch.id, database);
    }
    return branch;
  }

  override async deleteBranch(projectId: string, branchId: string) {
    await super.deleteBranch(projectId, branchId);
    const database = this.databases.get(branchId);
    if (database) await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    this.databases.delete(branchId);
  }

  override async connectionUri(
    projectId: string,
    target: { branchId: string; databaseName: string; roleName: string },
  ) {
    this.calls.push(`connect ${projectId} ${target.branchId} ${target.databaseName} as ${target.roleName}`);
    const database = this.databases.get(target.branchId);
    if (!database) throw new Error(`Neon API: branch ${target.branchId} has no compute`);
    return withDatabaseName(this.serverUrl, database);
  }
}
