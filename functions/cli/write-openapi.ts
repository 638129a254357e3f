// Writes the API's OpenAPI 3.1 document to a file (for the linter, and for the frontend's
// tooling). Builds the app without touching a database.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createApp } from "../api/app.ts";
import { loadEnvironment } from "../config/environment.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { createDependencies } from "../runtime/create-dependencies.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: tsx functions/cli/write-openapi.ts <output.json>

Writes the OpenAPI 3.1 document the API serves at /openapi.json to <output.json>.
`;

await runCli(USAGE, async ([output]) => {
  if (!output) {
    process.stderr.write(USAGE);
    return 2;
  }
  // A client that is never used: building the document needs no connection.
  const { prisma } = createDatabaseClient("postgresql://unused@127.0.0.1:1/unused");
  const app = createApp(createDependencies(loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" }), prisma));
  const document = await (await app.request("/openapi.json")).json();
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`Wrote ${output}\n`);
  return 0;
});
