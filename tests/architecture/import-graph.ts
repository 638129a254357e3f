import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The project's own source: what the rules below are about (tests and generated code are not). */
const SOURCE_ROOTS = ["functions", "prisma", "infra", "bench", "sst.config.ts", "prisma.config.ts"];
const SOURCE_FILE = /\.(ts|mts|mjs)$/;
const SKIPPED = new Set(["node_modules", "generated", ".data", ".sst"]);

/** Every `from "…"`, `import "…"` and `import("…")` specifier in a file, type-only imports included. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

export interface ImportGraph {
  /** Repository-relative paths of the source files. */
  files: string[];
  /** file -> the source files it imports (relative imports only). */
  imports: Map<string, string[]>;
  /** file -> the packages it imports (`hono`, `@hono/zod-openapi`, `node:fs`, ...). */
  packages: Map<string, string[]>;
}

function walk(root: string, relative: string, out: string[]) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full)) if (!SKIPPED.has(entry)) walk(root, path.join(relative, entry), out);
  } else if (SOURCE_FILE.test(relative) && !relative.endsWith(".d.ts")) {
    out.push(relative.split(path.sep).join("/"));
  }
}

/** Reads the import graph of the repository at `root`. */
export function readImportGraph(root: string): ImportGraph {
  const files: string[] = [];
  for (const sourceRoot of SOURCE_ROOTS) walk(root, sourceRoot, files);
  const known = new Set(files);
  const imports = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), "utf8");
    const local: string[] = [];
    const external: string[] = [];
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      if (!specifier) continue;
      if (specifier.startsWith(".")) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
        if (known.has(target)) local.push(target);
      } else {
        external.push(specifier);
      }
    }
    imports.set(file, [...new Set(local)]);
    packages.set(file, [...new Set(external)]);
  }
  return { files, imports, packages };
}

/** The import cycles of a graph: each a list of files that reach each other (Tarjan's algorithm). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    lowLink.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.imports.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
      }
    }
    if (lowLink.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = graph.imports.get(file)?.includes(file);
      if (component.length > 1 || selfImport) cycles.push(component.sort());
    }
  };
  for (const file of graph.files) if (!index.has(file)) visit(file);
  return cycles;
}
