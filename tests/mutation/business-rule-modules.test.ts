// No business rule escapes mutation testing: a new use case or rule module must be listed in
// mutation-modules.ts (and so scored by CI on every submission) or excluded there with a reason.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { businessRuleFiles, isBusinessRuleFile } from "./business-rule-files.ts";
import { CONSTANTS_ONLY, EXCLUDED_FROM_MUTATION, MUTATION_MODULES, PENDING_MODULES } from "./mutation-modules.ts";

const ROOT = join(import.meta.dirname, "../..");
const modules = [...MUTATION_MODULES, ...PENDING_MODULES];
const listed = new Set(modules.map((module) => module.file));

describe("business rules under mutation testing", () => {
  it("recognises use cases, rule folders and rule file names, and nothing else", () => {
    const useCase = 'export async function acceptNda(\n) {\n}\nacceptNda.failures = ["forbidden"] as const;\n';
    expect(isBusinessRuleFile("functions/inquiries/accept-nda.ts", useCase)).toBe(true);
    expect(isBusinessRuleFile("functions/inquiries/helper.ts", "export function helper() {}\n")).toBe(false);
    // `failures` on some other function is not this file's use case.
    expect(isBusinessRuleFile("functions/x/y.ts", "export function a() {}\nb.failures = [];\n")).toBe(false);
    expect(isBusinessRuleFile("functions/domain/anything.ts", "")).toBe(true);
    expect(isBusinessRuleFile("functions/outbox/leased-claims.ts", "")).toBe(true);
    expect(isBusinessRuleFile("functions/listings/listing-access.ts", "")).toBe(true);
    expect(isBusinessRuleFile("functions/deal-rooms/document-rules.ts", "")).toBe(true);
    // Whatever its name, a file that refuses someone decides who may reach what.
    const refuses = 'export function requireBuyer() {\n  throw new AppError("forbidden", "Buyers only.");\n}\n';
    expect(isBusinessRuleFile("functions/buyer-profiles/require-buyer.ts", refuses)).toBe(true);
    expect(isBusinessRuleFile("functions/x/y.ts", 'throw new AppError("validation_failed", "Bad.");\n')).toBe(false);
    expect(isBusinessRuleFile("functions/api/routes/businesses/change-status.ts", useCase)).toBe(false);
    expect(isBusinessRuleFile("tests/domain/x.ts", "")).toBe(false);
  });

  it("finds the project's rules (guards the check below against finding nothing)", () => {
    const found = businessRuleFiles(ROOT);
    expect(found).toContain("functions/inquiries/accept-nda.ts");
    expect(found).toContain("functions/outbox/leased-claims.ts");
    expect(found).toContain("functions/domain/business-status.ts");
    expect(found.length).toBeGreaterThan(100);
  });

  it("mutates every business-rule file, or says why not", () => {
    const escaped = businessRuleFiles(ROOT).filter((file) => !listed.has(file) && !(file in EXCLUDED_FROM_MUTATION));
    expect(
      escaped,
      "add these to tests/mutation/mutation-modules.ts with their tests, or exclude them with a reason",
    ).toEqual([]);
  });

  it("lists only files that exist, each once, with test files that exist, and excludes none it also lists", () => {
    const names = modules.map((module) => module.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    for (const module of modules) {
      expect(existsSync(join(ROOT, module.file)), module.file).toBe(true);
      expect(module.tests.length, module.name).toBeGreaterThan(0);
      for (const test of module.tests) expect(existsSync(join(ROOT, test)), `${module.name}: ${test}`).toBe(true);
    }
    for (const [file, reason] of Object.entries(EXCLUDED_FROM_MUTATION)) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      expect(listed.has(file), `${file} is both listed and excluded`).toBe(false);
      expect(reason.trim().length, `${file} needs a reason`).toBeGreaterThan(10);
    }
  });

  it("excludes a file as constants only while it holds nothing else, and names the test that asserts them", () => {
    const constantsOnly = Object.entries(EXCLUDED_FROM_MUTATION).filter(([, reason]) =>
      reason.startsWith(CONSTANTS_ONLY),
    );
    expect(constantsOnly.length).toBeGreaterThan(0);
    for (const [file, reason] of constantsOnly) {
      const code = readFileSync(join(ROOT, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.trim().startsWith("//"));
      for (const line of code) expect(line, file).toMatch(/^export const [A-Z_]+ = [\d\s*+[\],]+( as const)?;$/);
      const test = reason.slice(CONSTANTS_ONLY.length + 2);
      expect(existsSync(join(ROOT, test)), `${file}: ${test}`).toBe(true);
    }
  });
});
