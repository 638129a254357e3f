/** The migrated database every test database is cloned from. */
export const TEMPLATE_DATABASE = "exitmatch_test_template";
/** Prefix of the per-file test databases, so leftovers can be found and dropped. */
export const TEST_DATABASE_PREFIX = "exitmatch_test_";

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
