import type { MutantResult } from "@stryker-mutator/api/core";
import { describe, expect, it } from "vitest";
import { scoreModule, scoreTable, survivorLines } from "./mutation-score.ts";

const mutant = (status: MutantResult["status"], line: number, replacement = "true"): MutantResult =>
  ({
    id: `${line}-${status}`,
    fileName: "functions/x.ts",
    mutatorName: "ConditionalExpression",
    replacement,
    status,
    location: { start: { line, column: 1 }, end: { line, column: 9 } },
  }) as MutantResult;

describe("mutation score", () => {
  it("counts timeouts as detected, leaves invalid and ignored mutants out of the score, lists survivors by line", () => {
    const score = scoreModule(
      "domain/x",
      [
        mutant("Killed", 3),
        mutant("Killed", 4),
        mutant("Timeout", 5),
        mutant("Survived", 9, "a\n   >= b"),
        mutant("NoCoverage", 7),
        mutant("CompileError", 2),
        mutant("Ignored", 1),
      ],
      12.5,
    );
    expect(score).toMatchObject({ mutants: 7, killed: 2, timedOut: 1, survived: 1, noCoverage: 1, invalid: 1 });
    expect(score.score).toBeCloseTo(60);
    expect(score.survivors.map((survivor) => [survivor.line, survivor.status, survivor.replacement])).toEqual([
      [7, "NoCoverage", "true"],
      [9, "Survived", "a >= b"],
    ]);
    expect(survivorLines(score)).toEqual([
      "  functions/domain/x.ts:7 no coverage: ConditionalExpression -> true",
      "  functions/domain/x.ts:9 survived: ConditionalExpression -> a >= b",
    ]);
  });

  it("scores a module without valid mutants 100%, and totals the table over detected and undetected mutants", () => {
    const empty = scoreModule("domain/empty", [], 1);
    const half = scoreModule("domain/half", [mutant("Killed", 1), mutant("Survived", 2)], 1);
    expect(empty.score).toBe(100);
    expect(scoreTable([empty, half]).split("\n")).toEqual([
      "| module | mutants | killed | survived | no coverage | score |",
      "|---|---|---|---|---|---|",
      "| domain/empty | 0 | 0 | 0 | 0 | 100.0% |",
      "| domain/half | 2 | 1 | 1 | 0 | 50.0% |",
      "| total | 2 | 1 | 1 | 0 | 50.0% |",
    ]);
  });
});
