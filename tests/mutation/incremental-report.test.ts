import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { incrementalFileOf, MODULE_LOADS_TEST, unchangedResults } from "./incremental-report.ts";
import type { MutationModule } from "./mutation-modules.ts";

const MODULE: MutationModule = {
  name: "domain/rule",
  file: "functions/domain/rule.ts",
  tests: ["tests/domain/rule.test.ts"],
};
const SOURCE = "export const limit = (n: number) => n > 3;\n";
const TEST = 'it("limits", () => expect(limit(4)).toBe(true));\n';
const LOADS = "it(`loads`, async () => {});\n";
const MUTANT = {
  id: "1",
  mutatorName: "EqualityOperator",
  replacement: "n >= 3",
  status: "Killed",
  location: { start: { line: 1, column: 37 }, end: { line: 1, column: 42 } },
};

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(report: object | undefined, files: Record<string, string> = {}) {
  root = mkdtempSync(join(tmpdir(), "incremental-"));
  const all = { [MODULE.file]: SOURCE, [MODULE.tests[0]!]: TEST, [MODULE_LOADS_TEST]: LOADS, ...files };
  if (report) all[incrementalFileOf(MODULE)] = JSON.stringify(report);
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A report as Stryker writes it when it has just tested the module as it is now. */
function report(overrides: { version?: string; source?: string; testFiles?: Record<string, string> } = {}) {
  const testFiles = overrides.testFiles ?? { [MODULE.tests[0]!]: TEST, [MODULE_LOADS_TEST]: LOADS };
  return {
    schemaVersion: "2",
    thresholds: { high: 80, low: 60 },
    framework: { name: "StrykerJS", version: overrides.version ?? "9.6.1" },
    files: { [MODULE.file]: { language: "typescript", source: overrides.source ?? SOURCE, mutants: [MUTANT] } },
    testFiles: Object.fromEntries(
      Object.entries(testFiles).map(([path, source]) => [path, { source, tests: [{ id: "t1", name: "limits" }] }]),
    ),
  };
}

describe("an unchanged module's results, read from its incremental report", () => {
  it("are the report's mutants when the module, its test files and Stryker are as the report recorded", () => {
    project(report());
    expect(unchangedResults(MODULE, "9.6.1", root)).toEqual([MUTANT]);
  });

  it("ignore a change of line endings alone", () => {
    project(report(), { [MODULE.file]: SOURCE.replace("\n", "\r\n") });
    expect(unchangedResults(MODULE, "9.6.1", root)).toEqual([MUTANT]);
  });

  it("are not there (Stryker must run) when anything they depend on differs", () => {
    const stale: [string, () => void][] = [
      ["no report yet", () => project(undefined)],
      ["the module changed", () => project(report(), { [MODULE.file]: SOURCE.replace("> 3", "> 4") })],
      ["a test file changed", () => project(report(), { [MODULE.tests[0]!]: TEST.replace("(4)", "(5)") })],
      ["the module-loads test changed", () => project(report(), { [MODULE_LOADS_TEST]: `${LOADS}// more\n` })],
      ["a test file was added", () => project(report({ testFiles: { [MODULE_LOADS_TEST]: LOADS } }))],
      [
        "a test file was removed",
        () =>
          project(
            report({ testFiles: { [MODULE.tests[0]!]: TEST, [MODULE_LOADS_TEST]: LOADS, "tests/x.test.ts": "" } }),
          ),
      ],
      ["another Stryker wrote it", () => project(report({ version: "9.5.0" }))],
    ];
    for (const [why, arrange] of stale) {
      arrange();
      expect(unchangedResults(MODULE, "9.6.1", root), why).toBeUndefined();
      rmSync(root, { recursive: true, force: true });
    }
    project(report());
  });
});
