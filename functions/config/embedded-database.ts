/** Local-only credentials of the embedded PostgreSQL: it listens on 127.0.0.1 alone. */
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "exitmatch";
export const EMBEDDED_DEFAULT_PORT = 54329;
export const EMBEDDED_DEFAULT_DATABASE = "exitmatch";

export function embeddedDatabaseUrl(
  port: number = EMBEDDED_DEFAULT_PORT,
  database = EMBEDDED_DEFAULT_DATABASE,
): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}
