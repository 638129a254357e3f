import pg from "pg";

/**
 * The group roles the migrations create and grant (migration database_roles_and_rls). Login
 * users are made members of one of them; the migrator is whoever runs migrations.
 */
export const DATABASE_ROLES = {
  /** The API and jobs: data access only, no DDL, no BYPASSRLS, append-only audit log. */
  app: "exitmatch_app",
  /** Analytics and read replicas: SELECT only, and not on authentication secrets. */
  readonly: "exitmatch_readonly",
} as const;

export type DatabaseRoleKind = keyof typeof DATABASE_ROLES;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates the password of) a login user that is a member of one of the group roles,
 * connected through `ownerUrl` (a role allowed to create roles). Used for the embedded database
 * and tests; in the cloud the provider's console or the infra code does the same.
 */
export async function ensureLoginRole(
  ownerUrl: string,
  login: { name: string; password: string; kind: DatabaseRoleKind },
): Promise<void> {
  if (!IDENTIFIER.test(login.name)) throw new Error(`'${login.name}' is not a plain lower-case role name.`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login.name]);
    const password = client.escapeLiteral(login.password);
    if (exists.rowCount === 0) {
      await client
        .query(`CREATE ROLE ${login.name} LOGIN PASSWORD ${password} IN ROLE ${DATABASE_ROLES[login.kind]}`)
        .catch((error: { code?: string }) => {
          // Another process created it between our check and now.
          if (error.code !== "42710" && error.code !== "23505") throw error;
        });
    }
    await client.query(`ALTER ROLE ${login.name} LOGIN PASSWORD ${password}`);
    await client.query(`GRANT ${DATABASE_ROLES[login.kind]} TO ${login.name}`);
  } finally {
    await client.end();
  }
}

/** `url` with its user and password replaced. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
