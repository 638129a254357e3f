import type { TestDatabase } from "./test-database.ts";

/**
 * Row count and an order-independent checksum of every row of every application table, to
 * prove that something changed nothing (or that two databases hold the same data).
 */
export async function fingerprintTables(
  db: TestDatabase,
  options: {
    exclude?: string[];
    /** Columns left out of the checksum, as table.column (e.g. values encrypted with a random IV). */
    ignoreColumns?: readonly string[];
  } = {},
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
    const ignored = (options.ignoreColumns ?? [])
      .filter((name) => name.startsWith(`${table_name}.`))
      .map((name) => name.slice(table_name.length + 1));
    const [row] = await db.query<{ rows: string; checksum: string | null }>(
      `SELECT count(*) AS rows, md5(string_agg(r, '' ORDER BY r)) AS checksum
       FROM (SELECT md5((to_jsonb(t) - $1::text[])::text) AS r FROM "${table_name}" t) rows`,
      [ignored],
    );
    result[table_name] = { rows: Number(row!.rows), checksum: row!.checksum ?? "" };
  }
  return result;
}
