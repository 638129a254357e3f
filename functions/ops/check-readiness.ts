import type { PrismaClient } from "../../generated/prisma/client.ts";
import { expectedMigrationNames } from "../db/migration-names.ts";
import type { PoolStats } from "../db/prisma-client.ts";

/** A readiness probe must answer quickly even when the database hangs. */
const DATABASE_TIMEOUT_MS = 2000;

export type Check = "ok" | "failing" | "unknown";

export interface Readiness {
  ready: boolean;
  checks: { database: Check; migrations: Check; pool: Check };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * May this instance take traffic: the database answers within 2 s, every migration this build
 * expects is applied, and the connection pool has no requests waiting.
 */
export async function checkReadiness(deps: {
  prisma: PrismaClient;
  poolStats?: (() => PoolStats) | undefined;
}): Promise<Readiness> {
  const checks: Readiness["checks"] = { database: "ok", migrations: "unknown", pool: "unknown" };
  // The pool first: the database check below takes a connection, so it would wait behind an
  // exhausted pool and see it drained.
  if (deps.poolStats) {
    const stats = deps.poolStats();
    checks.pool = stats.waiting > 0 && stats.open >= stats.max ? "failing" : "ok";
  }
  try {
    const applied = await withTimeout(
      deps.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      DATABASE_TIMEOUT_MS,
    );
    const expected = expectedMigrationNames();
    if (expected) {
      const done = new Set(applied.map((row) => row.migration_name));
      checks.migrations = expected.every((name) => done.has(name)) ? "ok" : "failing";
    }
  } catch {
    checks.database = "failing";
  }
  return { ready: Object.values(checks).every((check) => check !== "failing"), checks };
}
