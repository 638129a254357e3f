import type { TestDatabase } from "./test-database.ts";

/**
 * Row count and an order-independent checksum of every row of every application table, to
 * prove that something changed nothing (or that two databases hold the same data).
 */
export async function fingerprintTables(
  db: TestDatabase,
  options: { exclude?: string[] } = {},
): Promise<Record<string, { rows: number; checksum: string }>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
       AND NOT table_name = ANY ($1)
     ORDER BY table_name`,
    [options.exclude ?? []],
  );
  const result: Record<string, { rows: number; checksum: string }> = {};
  for (const { table_name } of tables) {
    const [row] = await db.query<{ rows: string; checksum: string | null }>(
      `SELECT count(*) AS rows, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS checksum FROM "${table_name}" t`,
    );
    result[table_name] = { rows: Number(row!.rows), checksum: row!.checksum ?? "" };
  }
  return result;
}
