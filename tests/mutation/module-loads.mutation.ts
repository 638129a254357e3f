// Run with every module's tests under `npm run test:mutation` (not by npm test: no .test.ts).
//
// A mutant that makes the module throw while it loads (a helper used at module level turned
// into `() => undefined`) fails every test file that imports the module before any test runs;
// Stryker's vitest runner sees no failed test and would report it as surviving. Importing the
// module inside a test turns that into the failure it is.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";

const file = process.env.MUTATION_MODULE_FILE;

it(`loads ${file}`, async () => {
  expect(file, "MUTATION_MODULE_FILE names the module under test").toBeTruthy();
  const loaded = await import(pathToFileURL(join(import.meta.dirname, "../..", file!)).href);
  expect(Object.keys(loaded).length).toBeGreaterThan(0);
});
