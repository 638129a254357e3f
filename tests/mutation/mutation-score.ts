// Turns Stryker's mutant results into the per-module numbers and lines the report prints.
import type { MutantResult } from "@stryker-mutator/api/core";
import type { ScoredMutant } from "./incremental-report.ts";

export interface Survivor {
  line: number;
  mutator: string;
  replacement: string;
  status: "Survived" | "NoCoverage";
}

export interface ModuleScore {
  module: string;
  mutants: number;
  killed: number;
  survived: number;
  noCoverage: number;
  /** Mutants that made the tests hang: detected, as Stryker counts them. */
  timedOut: number;
  /** Mutants that did not compile or crashed the runner: left out of the score. */
  invalid: number;
  /** Detected (killed or timed out) out of the valid mutants, percent. */
  score: number;
  seconds: number;
  /** Where the results came from: a Stryker run, or the incremental report of an unchanged module. */
  source: "stryker" | "unchanged";
  survivors: Survivor[];
}

export function scoreModule(
  module: string,
  results: ScoredMutant[],
  seconds: number,
  source: ModuleScore["source"] = "stryker",
): ModuleScore {
  const count = (status: MutantResult["status"]) => results.filter((result) => result.status === status).length;
  const killed = count("Killed");
  const timedOut = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const valid = killed + timedOut + survived + noCoverage;
  const survivors = results
    .filter((result) => result.status === "Survived" || result.status === "NoCoverage")
    .map((result) => ({
      line: result.location.start.line,
      mutator: result.mutatorName,
      replacement: (result.replacement ?? "").replace(/\s+/g, " ").slice(0, 100),
      status: result.status as Survivor["status"],
    }))
    .sort((a, b) => a.line - b.line);
  return {
    module,
    mutants: results.length,
    killed,
    survived,
    noCoverage,
    timedOut,
    invalid: results.length - valid - count("Ignored"),
    // No valid mutant: nothing can regress unnoticed.
    score: valid === 0 ? 100 : ((killed + timedOut) / valid) * 100,
    seconds,
    source,
    survivors,
  };
}

/** The table, one row per module and a total, as Markdown (it goes into closing notes). */
export function scoreTable(scores: ModuleScore[]): string {
  const rows = scores.map((score) => [
    score.module,
    score.mutants,
    score.killed + score.timedOut,
    score.survived,
    score.noCoverage,
    `${score.score.toFixed(1)}%`,
  ]);
  const sum = (pick: (score: ModuleScore) => number) => scores.reduce((total, score) => total + pick(score), 0);
  const detected = sum((score) => score.killed + score.timedOut);
  const valid = detected + sum((score) => score.survived + score.noCoverage);
  rows.push([
    "total",
    sum((score) => score.mutants),
    detected,
    sum((score) => score.survived),
    sum((score) => score.noCoverage),
    `${valid === 0 ? "100.0" : ((detected / valid) * 100).toFixed(1)}%`,
  ]);
  return [
    "| module | mutants | killed | survived | no coverage | score |",
    "|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

export function survivorLines(score: ModuleScore): string[] {
  return score.survivors.map(
    (survivor) =>
      `  functions/${score.module}.ts:${survivor.line} ${survivor.status === "NoCoverage" ? "no coverage" : "survived"}: ${survivor.mutator} -> ${survivor.replacement}`,
  );
}
