/** The URL parameters libpq (pg_dump, pg_restore) understands; Prisma's own (schema, pgbouncer...) are dropped. */
const LIBPQ_PARAMETERS = new Set([
  "host",
  "port",
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "sslpassword",
  "connect_timeout",
  "application_name",
  "options",
  "target_session_attrs",
]);

/**
 * A connection for a libpq program: the URL without the password and without parameters libpq
 * would reject, and the password in PGPASSWORD (so it never shows in `ps`).
 */
export function libpqConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (!LIBPQ_PARAMETERS.has(key)) parsed.searchParams.delete(key);
  }
  return { url: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}
