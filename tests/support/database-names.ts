/** The migrated database every test database is cloned from. */
export const TEMPLATE_DATABASE = "exitmatch_test_template";
/** Prefix of the per-file test databases, so leftovers can be found and dropped. */
export const TEST_DATABASE_PREFIX = "exitmatch_test_";

/** Login users of the database roles, made by the global setup. */
export const TEST_LOGINS = {
  app: { name: "exitmatch_app_test", password: "exitmatch-app-test", kind: "app" },
  readonly: { name: "exitmatch_readonly_test", password: "exitmatch-readonly-test", kind: "readonly" },
} as const;
