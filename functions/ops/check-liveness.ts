import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { DatabaseProbe } from "../db/prisma-client.ts";

export type Liveness =
  | { status: "ok"; database: { status: "up"; latencyMs: number; migration: string | null } }
  | { status: "error"; database: { status: "down" } };

/** The newest applied migration: the liveness check's one query (the request benchmark's baseline runs it too). */
export const NEWEST_MIGRATION_SQL = Prisma.sql`
  SELECT migration_name FROM _prisma_migrations
  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
  ORDER BY migration_name DESC LIMIT 1`;

/**
 * Is the service alive: one database round trip, reporting its latency and the newest applied
 * migration. A failure says only "down": no internals (host names, driver errors) leave it.
 * Straight through the pool where the driver has one (DatabaseProbe says why), else Prisma.
 */
export async function checkLiveness(deps: {
  prisma: PrismaClient;
  databaseProbe?: DatabaseProbe | undefined;
}): Promise<Liveness> {
  const started = performance.now();
  try {
    const rows = (
      deps.databaseProbe
        ? await deps.databaseProbe(NEWEST_MIGRATION_SQL.text)
        : await deps.prisma.$queryRaw<{ migration_name: string }[]>(NEWEST_MIGRATION_SQL)
    ) as { migration_name: string }[];
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { status: "ok", database: { status: "up", latencyMs, migration: rows[0]?.migration_name ?? null } };
  } catch {
    return { status: "error", database: { status: "down" } };
  }
}
