import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** One line of a benchmark's verdict: this project against the baseline measured in the same run. */
export interface BenchMeasure {
  measure: string;
  /** This project's figure, with its unit ("412 req/s", "1.9 ms"). */
  project: string;
  /** The baseline's figure, same unit; "" where the measure has none (an absolute target). */
  baseline: string;
  /** project / baseline, as the target reads it; null for an absolute target. */
  ratio: number | null;
  /** ">= 0.90x", "<= 20 ms"; "" for a measure kept for information only. */
  target: string;
  /** Whether the target is met; null without a target. */
  met: boolean | null;
}

/** Where each benchmark leaves its verdict for `npm run bench` to gather. */
export const BENCH_RESULTS_DIR = resolve(import.meta.dirname, "../../.data/bench-results");

/** Saves a benchmark's verdict (`.data/bench-results/<bench>.json`) and prints it as a table. */
export function reportBenchResults(bench: string, measures: BenchMeasure[], log: (line: string) => void) {
  mkdirSync(BENCH_RESULTS_DIR, { recursive: true });
  writeFileSync(join(BENCH_RESULTS_DIR, `${bench}.json`), `${JSON.stringify(measures, null, 2)}\n`);
  for (const line of formatBenchTable(measures)) log(line);
}

/** A saved verdict, or undefined when that benchmark has not written one. */
export function readBenchResults(bench: string): BenchMeasure[] | undefined {
  try {
    return JSON.parse(readFileSync(join(BENCH_RESULTS_DIR, `${bench}.json`), "utf8")) as BenchMeasure[];
  } catch {
    return undefined;
  }
}

/** Measures as an aligned text table: measure, this project, baseline, ratio, target, met. */
export function formatBenchTable(measures: BenchMeasure[]): string[] {
  const rows = [
    ["measure", "this project", "baseline", "ratio", "target", "met"],
    ...measures.map((m) => [
      m.measure,
      m.project,
      m.baseline,
      m.ratio === null ? "" : `${m.ratio.toFixed(2)}x`,
      m.target,
      m.met === null ? "-" : m.met ? "met" : "NOT MET",
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd(),
  );
}
