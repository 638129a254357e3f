import type pg from "pg";

export interface TableChecksum {
  rows: number;
  /** Order-independent: the sum of each row's hash, so no sort of the whole table is needed. */
  checksum: string;
}

/**
 * Settings that fix how a row prints as text, so the same data gives the same checksum on any
 * server or session (time zone, date style and float digits all change `row::text`).
 */
export const CANONICAL_TEXT_SETTINGS = [
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  "SET extra_float_digits = 1",
  "SET bytea_output = 'hex'",
];

/** The application's tables (schema public), every one of them, in name order. */
export async function listTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((row) => row.name);
}

/**
 * Row count and content checksum of each table (default: every table), read in the client's
 * current transaction (so inside a snapshot, all as of one moment). Calls onTable after each.
 */
export async function checksumTables(
  client: pg.ClientBase,
  options: { tables?: string[]; onTable?: (table: string, index: number, total: number) => void } = {},
): Promise<Record<string, TableChecksum>> {
  for (const setting of CANONICAL_TEXT_SETTINGS) await client.query(setting);
  const tables = options.tables ?? (await listTables(client));
  const result: Record<string, TableChecksum> = {};
  for (const [index, table] of tables.entries()) {
    const { rows } = await client.query<{ rows: string; checksum: string }>(
      `SELECT count(*) AS rows,
              coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0)::text AS checksum
       FROM "${table.replaceAll('"', '""')}" t`,
    );
    result[table] = { rows: Number(rows[0]!.rows), checksum: rows[0]!.checksum };
    options.onTable?.(table, index + 1, tables.length);
  }
  return result;
}

/** The differences between two sets of checksums, one line per table ([] when equal). */
export function compareChecksums(
  expected: Record<string, TableChecksum>,
  actual: Record<string, TableChecksum>,
): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const differences: string[] = [];
  for (const table of tables) {
    const want = expected[table];
    const got = actual[table];
    if (!want) differences.push(`${table}: in the restore but not in the source`);
    else if (!got) differences.push(`${table}: missing from the restore`);
    else if (want.rows !== got.rows)
      differences.push(`${table}: ${want.rows} rows in the source, ${got.rows} restored`);
    else if (want.checksum !== got.checksum)
      differences.push(`${table}: same row count (${got.rows}), different content`);
  }
  return differences;
}
