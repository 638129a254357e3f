// Which files under functions/ hold business rules, and so must be mutation-tested (listed in
// mutation-modules.ts) or excluded there with a reason. Found by what the code is, not by a list
// someone must remember to update:
// - a use case: a function exported with its `failures` (functions/inquiries/accept-nda.ts);
// - a file in a folder of rules: domain values and transitions, matching, the outbox's claims,
//   retention, GDPR, sign-in and tokens, encryption, rate limits;
// - a file named for a rule (outside functions/api, whose routes only parse and render): who may reach what (`-access`), a set of rules (`-rules`), a status
//   machine (`-status`), a throttle (`-throttle`), a policy (`-policy`);
// - a file that refuses someone (throws AppError "forbidden" or "not_found"): it decides who may
//   reach what, whatever it is called (functions/financials/load-financial-year.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const RULE_FOLDERS = ["domain", "matching", "outbox", "retention", "gdpr", "auth", "crypto", "rate-limits"];
const RULE_FILE_NAME = /-(access|rules|status|throttle|policy)\.ts$/;
const USE_CASE = /^export (?:async )?function (\w+)\b[\s\S]*^\1\.failures = /m;
const REFUSES_ACCESS = /new AppError\("(?:forbidden|not_found)"/;

export function isBusinessRuleFile(path: string, source: string): boolean {
  const [top, folder] = path.split("/");
  if (top !== "functions" || !path.endsWith(".ts") || path.endsWith(".d.ts")) return false;
  // Routes only parse, call one use case and render (README, "Layout"): the rules are below them.
  if (folder === "api") return false;
  return (
    RULE_FOLDERS.includes(folder!) || RULE_FILE_NAME.test(path) || USE_CASE.test(source) || REFUSES_ACCESS.test(source)
  );
}

/** Every business-rule file under root/functions, as paths relative to root. */
export function businessRuleFiles(root: string): string[] {
  return readdirSync(join(root, "functions"), { recursive: true, encoding: "utf8" })
    .map((name) => relative(root, join(root, "functions", name)).replaceAll("\\", "/"))
    .filter((path) => path.endsWith(".ts") && isBusinessRuleFile(path, readFileSync(join(root, path), "utf8")))
    .sort();
}
