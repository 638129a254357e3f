// Names the tests give their databases and logins on the test server.
//
// Mutation testing (tests/mutation) runs several vitest processes against one server at once,
// each a Stryker worker with STRYKER_MUTATOR_WORKER set; each keeps to names of its own, so
// that one worker's setup never drops another's databases or changes its logins' passwords.
const worker = process.env.STRYKER_MUTATOR_WORKER?.replace(/\D/g, "");
const scope = worker === undefined ? "" : `_w${worker}`;

/** Prefix of the per-file test databases, so leftovers can be found and dropped. */
export const TEST_DATABASE_PREFIX = `exitmatch_test${scope}_`;
/** The migrated database every test database is cloned from. */
export const TEMPLATE_DATABASE = `${TEST_DATABASE_PREFIX}template`;

/** Login users of the database roles, made by the global setup. */
export const TEST_LOGINS = {
  app: { name: `exitmatch_app_test${scope}`, password: "exitmatch-app-test", kind: "app" },
  readonly: {
    name: `exitmatch_readonly_test${scope}`,
    password: "exitmatch-readonly-test",
    kind: "readonly",
  },
} as const;
