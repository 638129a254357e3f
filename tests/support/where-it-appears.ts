import type { TestDatabase } from "./test-database.ts";

/** Every text, JSON and array column of every table, and the rows where `needle` appears in it. */
export async function whereItAppears(db: Pick<TestDatabase, "query">, needle: string): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE position(lower($1) in lower("${column_name}"::text)) > 0`,
      [needle],
    );
    if (row!.n > 0) found.push(`${table_name}.${column_name} (${row!.n})`);
  }
  return found;
}
