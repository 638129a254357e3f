// The shape of the code, checked on every test run: no import cycles, and each layer imports
// only what is below it (README, "Layout"). A failure names the file and the import to remove.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ImportGraph, importCycles, readImportGraph } from "./import-graph.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const graph = readImportGraph(ROOT);

const inside = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const isApi = inside("functions/api");
const isCli = inside("functions/cli");
const isSeed = inside("prisma/seed");
const isEntryPoint = (file: string) => isCli(file) || inside("bench")(file);

/** Every import from a file for which `importer` holds to a file for which `imported` holds. */
function importsWhere(
  from: ImportGraph,
  importer: (file: string) => boolean,
  imported: (file: string) => boolean,
): string[] {
  return from.files
    .filter(importer)
    .flatMap((file) => (from.imports.get(file) ?? []).filter(imported).map((target) => `${file} -> ${target}`));
}

describe("the code's structure", () => {
  it("reads the whole tree", () => {
    // Guards the rules below against an empty graph: they would all pass on nothing.
    expect(graph.files).toContain("functions/api/app.ts");
    expect(graph.files).toContain("functions/listings/search-listings.ts");
    expect(graph.imports.get("functions/api/app.ts")).toContain("functions/api/routes/businesses/index.ts");
    expect(graph.files.length).toBeGreaterThan(200);
  });

  it("has no import cycles", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("imports the HTTP layer only from the HTTP layer and the commands that start it", () => {
    expect(importsWhere(graph, (file) => !isApi(file) && !isEntryPoint(file), isApi)).toEqual([]);
  });

  it("imports commands only from commands", () => {
    expect(importsWhere(graph, (file) => !isEntryPoint(file), isCli)).toEqual([]);
  });

  it("imports the seed only from the seed and the commands that run it", () => {
    expect(importsWhere(graph, (file) => !isSeed(file) && !isEntryPoint(file), isSeed)).toEqual([]);
  });

  it("uses Hono only in the HTTP layer: use cases know nothing of HTTP", () => {
    const honoOutsideApi = graph.files
      .filter((file) => !isApi(file))
      .flatMap((file) =>
        (graph.packages.get(file) ?? [])
          .filter((name) => name === "hono" || name.startsWith("hono/") || name.startsWith("@hono/"))
          .map((name) => `${file} -> ${name}`),
      );
    expect(honoOutsideApi).toEqual([]);
  });
});

describe("the checks themselves", () => {
  const graphOf = (edges: Record<string, string[]>): ImportGraph => ({
    files: Object.keys(edges),
    imports: new Map(Object.entries(edges)),
    packages: new Map(),
  });

  it("find a cycle of any length, and a file importing itself", () => {
    const cycles = importCycles(graphOf({ a: ["b"], b: ["c"], c: ["a"], d: ["d"], e: ["a"] }));
    expect(cycles).toEqual(expect.arrayContaining([["a", "b", "c"], ["d"]]));
    expect(cycles).toHaveLength(2);
  });

  it("find an import that breaks a layer rule", () => {
    const layered = graphOf({ "functions/listings/x.ts": ["functions/api/errors.ts"], "functions/api/errors.ts": [] });
    expect(importsWhere(layered, (file) => !isApi(file), isApi)).toEqual([
      "functions/listings/x.ts -> functions/api/errors.ts",
    ]);
  });
});

describe("the README's layout", () => {
  it("names every folder under functions/, one row each", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z-]+)\/` \|/gm)].map((match) => match[1]);
    const folders = readdirSync(path.join(ROOT, "functions"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(20);
    for (const folder of folders)
      expect(
        rows.filter((row) => row === folder),
        folder,
      ).toHaveLength(1);
  });
});
