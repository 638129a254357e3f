// Each module's StrykerJS incremental report, committed under tests/mutation/incremental/ so
// that a run (CI's included) re-tests only the mutants whose code or tests changed.
//
// The report holds the mutated file's source and every test file's source as they were when it
// was written. When neither the module nor any of its test files has changed since (nor the
// Stryker version), Stryker itself would reuse every result (a killed mutant's culprit test is
// unchanged; a surviving one has no new or changed test), so the module's score is read straight
// from the report and Stryker is not started: its dry run of a module's tests is most of what an
// unchanged module would otherwise cost. Like Stryker's own incremental mode, this sees changes
// to the module and its listed test files only, not to code they call: `--force` re-tests all.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MutantResult, schema } from "@stryker-mutator/api/core";
import type { MutationModule } from "./mutation-modules.ts";

export const INCREMENTAL_DIR = "tests/mutation/incremental";

/** Imported by every module's Stryker run (see module-loads.mutation.ts). */
export const MODULE_LOADS_TEST = "tests/mutation/module-loads.mutation.ts";

/** The path of a module's incremental report, relative to the project root. */
export function incrementalFileOf(module: MutationModule): string {
  return join(INCREMENTAL_DIR, `${module.name}.json`);
}

/** The test files Stryker runs against a module's mutants. */
export function testFilesOf(module: MutationModule): string[] {
  return [...module.tests, MODULE_LOADS_TEST];
}

/** The fields of a mutant that scoring reads, as both Stryker's results and the report give them. */
export interface ScoredMutant {
  status: MutantResult["status"];
  location: { start: { line: number; column: number } };
  mutatorName: string;
  replacement?: string;
}

/**
 * The module's mutants from its incremental report when the report is still current: the
 * mutated file, the set of test files and each test file's text are as the report recorded them,
 * and the report was written by the Stryker version installed now. Otherwise undefined: Stryker
 * must run (incrementally, re-testing what changed).
 */
export function unchangedResults(
  module: MutationModule,
  strykerVersion: string,
  root = ".",
): ScoredMutant[] | undefined {
  const reportPath = join(root, incrementalFileOf(module));
  if (!existsSync(reportPath)) return undefined;
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as schema.MutationTestResult;
  if (report.framework?.version !== strykerVersion) return undefined;

  const mutated = report.files[module.file];
  if (!mutated || !sameText(mutated.source, join(root, module.file))) return undefined;

  const recordedTests = Object.keys(report.testFiles ?? {}).sort();
  const currentTests = testFilesOf(module).sort();
  if (recordedTests.join("\n") !== currentTests.join("\n")) return undefined;
  for (const test of currentTests) {
    if (!sameText(report.testFiles?.[test]?.source, join(root, test))) return undefined;
  }
  return mutated.mutants;
}

function sameText(recorded: string | undefined, path: string): boolean {
  if (recorded === undefined || !existsSync(path)) return false;
  return normalizeLineEndings(recorded) === normalizeLineEndings(readFileSync(path, "utf8"));
}

function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n/g, "\n");
}
