// The vitest configuration Stryker's workers use: the project's, with the test files limited to
// the module under test's (MUTATION_TEST_FILES, set by run-mutation.ts). Stryker's own
// `testFiles` option is not used: with it, Stryker 9.6 activates mutants in module-level code
// only after that code has run, so every such mutant survives whatever the tests check.
// suite-failures-reporter.ts turns a test file that fails while it is collected into the failed
// test Stryker needs to see.
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

const files = (process.env.MUTATION_TEST_FILES ?? "").split(",").filter(Boolean);
if (files.length === 0) throw new Error("MUTATION_TEST_FILES names no test file (run npm run test:mutation).");

export default defineConfig({
  ...base,
  root: join(import.meta.dirname, "../.."),
  test: {
    ...base.test,
    include: files,
    reporters: ["default", join(import.meta.dirname, "suite-failures-reporter.ts")],
  },
});
