// A vitest reporter for Stryker's workers only (tests/mutation/vitest.config.ts).
//
// When a mutant makes a test file throw while vitest collects it (in a `describe` body, or at
// the file's top level: a keyring built there, say), vitest records the failure on the suite,
// registers none of its tests, and the file fails. Stryker's vitest runner counts only failed
// *tests*, so it reports that mutant as surviving although `npm test` would fail. This reporter
// gives every failed suite that has errors of its own one failed test carrying them, which
// Stryker counts as the kill it is. Nothing changes for a suite that did not fail.
import type { Reporter, Vitest } from "vitest/node";

type Task = ReturnType<Vitest["state"]["getFiles"]>[number]["tasks"][number];
type Suite = Extract<Task, { type: "suite" }>;

export const SUITE_FAILURE_TEST_NAME = "(the suite failed before its tests ran)";

function markFailedSuites(suite: Suite): void {
  for (const task of suite.tasks) if (task.type === "suite") markFailedSuites(task);
  const errors = suite.result?.errors ?? [];
  if (suite.result?.state !== "fail" || errors.length === 0) return;
  suite.tasks.push({
    type: "test",
    id: `${suite.id}_suite_failure`,
    name: SUITE_FAILURE_TEST_NAME,
    mode: "run",
    suite,
    file: suite.file,
    context: {} as never,
    meta: {},
    annotations: [],
    artifacts: [],
    timeout: 0,
    result: { state: "fail", errors },
  } as unknown as Task);
}

export default class SuiteFailuresReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) markFailedSuites(file as unknown as Suite);
  }
}
