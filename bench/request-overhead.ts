// Per-request cost of the API on its two busiest anonymous reads, GET /health and GET
// /businesses/{id}, against a baseline measured in the same run: the same SQL through raw `pg`
// behind bare `node:http` (bench/requests/raw-request-server.ts). Both servers are child
// processes on the same database of 100,000 listings (shared with bench:search), both as a
// login of the application role; wrk loads each in turn.

import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { runCli } from "../functions/cli/run-cli.ts";
import { freePort } from "../tests/support/free-port.ts";
import { intOption } from "./bench-server.ts";
import { BENCH_APP_LOGIN, openListingsDatabase, startApiServer } from "./search/listings-database.ts";
import { ensureBenchBuyers, signInBenchBuyers } from "./support/bench-buyer.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";
import { startServer, stopServer } from "./support/child-server.ts";
import { processTreeCpuMicros } from "./support/process-cpu.ts";
import { hasWrk, runWrk, type WrkResult } from "./support/wrk.ts";

const USAGE = `
Usage: npm run bench:requests [-- --listings N] [-- --seconds S] [-- --connections C] [-- --rounds R]

Starts the API (npm start's server, as a login of exitmatch_app) and a baseline running the same
SQL through raw pg behind node:http, on N listings (default 100000; kept in .data/bench-search,
shared with bench:search). For GET /health and for GET /businesses/{id} over 1,000 listings,
loads each server with wrk (2 threads, C connections, default 16) for S seconds (default 10),
alternating R times (default 3), and compares the medians of requests per second.
Targets: GET /businesses/{id} at least 0.90x of the baseline; GET /health at least 0.60x.
Also the CPU each server spends per request (Linux: read from /proc), steadier than throughput
on a shared machine. Also the same listing views signed in, taking turns as 16 buyers
(authentication, the activity row each view records), against the API's anonymous views: no baseline server signs anyone in.
Needs wrk (apt-get install wrk). Set BENCH_DATABASE_URL to use another database.
`;

const TARGETS = { view: 0.9, health: 0.6 } as const;
/** The buyers the signed-in views take turns as (bench/support/bench-buyer.ts says why several). */
const SIGNED_IN_BUYERS = 16;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await runCli(USAGE, async (args) => {
  const listings = intOption(args, "listings", 100_000);
  const seconds = intOption(args, "seconds", 10);
  const connections = intOption(args, "connections", 16);
  const rounds = intOption(args, "rounds", 3);
  const log = (message: string) => process.stdout.write(`${message}\n`);
  if (!(await hasWrk())) throw new Error("bench:requests needs wrk: apt-get install wrk");

  const database = await openListingsDatabase(listings, log);
  const servers: ChildProcess[] = [];
  try {
    const paths = await listingPaths(database.url, 1000);
    await ensureBenchBuyers(database.url, SIGNED_IN_BUYERS);
    const appPort = await freePort();
    const basePort = await freePort();
    log(`Starting the API and the baseline, both as ${BENCH_APP_LOGIN.name} (role exitmatch_app)...`);
    const api = await startApiServer(database, appPort);
    servers.push(api);
    const base = await startServer(
      ["bench/requests/raw-request-server.ts", database.appUrl, String(basePort)],
      {},
      "ready",
    );
    servers.push(base);
    const apiServer = { port: appPort, pid: api.pid! };
    const baseServer = { port: basePort, pid: base.pid! };

    const signedIn = (await signInBenchBuyers(`http://127.0.0.1:${appPort}`, SIGNED_IN_BUYERS)).map((token) => ({
      authorization: `Bearer ${token}`,
    }));

    const load = { threads: 2, connections, seconds };
    const measure = async (
      label: string,
      server: { port: number; pid: number },
      requestPaths: readonly string[],
      headers?: readonly Record<string, string>[],
    ) => {
      const origin = `http://127.0.0.1:${server.port}`;
      await runWrk(origin, requestPaths, { ...load, seconds: 2, headers }); // warm-up
      const cpuBefore = processTreeCpuMicros(server.pid);
      const wrk = await runWrk(origin, requestPaths, { ...load, headers });
      const cpuAfter = processTreeCpuMicros(server.pid);
      const result: Measured = {
        ...wrk,
        cpuMicrosPerRequest:
          cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / wrk.requests,
      };
      log(`    ${label}: ${format(result)}`);
      return result;
    };
    const results = {
      health: { api: [] as Measured[], base: [] as Measured[] },
      view: { api: [] as Measured[], base: [] as Measured[] },
      signedIn: [] as Measured[],
    };
    for (let round = 1; round <= rounds; round += 1) {
      log(`Round ${round}/${rounds} (wrk: 2 threads, ${connections} connections, ${seconds} s each)`);
      for (const [name, requestPaths] of [
        ["health", ["/health"]],
        ["view", paths],
      ] as const) {
        log(`  ${name === "health" ? "GET /health" : "GET /businesses/{id}"}`);
        results[name].base.push(await measure("baseline", baseServer, requestPaths));
        results[name].api.push(await measure("api     ", apiServer, requestPaths));
      }
      log(`  GET /businesses/{id} signed in as ${SIGNED_IN_BUYERS} buyers in turn`);
      results.signedIn.push(await measure("api     ", apiServer, paths, signedIn));
    }

    const verdict = (name: "health" | "view", measureName: string): BenchMeasure => {
      const api = median(results[name].api.map((r) => r.requestsPerSecond));
      const base = median(results[name].base.map((r) => r.requestsPerSecond));
      const errors = [...results[name].api, ...results[name].base].reduce((sum, r) => sum + r.errors, 0);
      const ratio = api / base;
      return {
        measure: `${measureName} throughput${errors ? ` (${errors} errors)` : ""}`,
        project: `${api.toFixed(0)} req/s`,
        baseline: `${base.toFixed(0)} req/s`,
        ratio,
        target: `>= ${TARGETS[name].toFixed(2)}x`,
        met: ratio >= TARGETS[name] && errors === 0,
      };
    };
    // What each request costs the server process, whatever else the machine was doing.
    const cpuPerRequest = (name: "health" | "view", measureName: string): BenchMeasure[] => {
      const api = results[name].api.map((r) => r.cpuMicrosPerRequest);
      const base = results[name].base.map((r) => r.cpuMicrosPerRequest);
      if (![...api, ...base].every((value) => value !== undefined)) return [];
      const apiMicros = median(api as number[]);
      const baseMicros = median(base as number[]);
      return [
        {
          measure: `${measureName} server CPU per request`,
          project: `${apiMicros.toFixed(0)} µs`,
          baseline: `${baseMicros.toFixed(0)} µs`,
          ratio: apiMicros / baseMicros,
          target: "",
          met: null,
        },
      ];
    };
    const signedInRate = median(results.signedIn.map((r) => r.requestsPerSecond));
    const anonymousRate = median(results.view.api.map((r) => r.requestsPerSecond));
    const signedInErrors = results.signedIn.reduce((sum, r) => sum + r.errors, 0);
    const measures: BenchMeasure[] = [
      verdict("view", "GET /businesses/{id}"),
      verdict("health", "GET /health"),
      ...cpuPerRequest("view", "GET /businesses/{id}"),
      ...cpuPerRequest("health", "GET /health"),
      {
        measure: `GET /businesses/{id} signed in, vs anonymous${signedInErrors ? ` (${signedInErrors} errors)` : ""}`,
        project: `${signedInRate.toFixed(0)} req/s`,
        baseline: `${anonymousRate.toFixed(0)} req/s`,
        ratio: signedInRate / anonymousRate,
        target: "",
        met: signedInErrors === 0 ? null : false,
      },
    ];
    log("");
    log(`Median of ${rounds} rounds, ${listings.toLocaleString("en-GB")} listings:`);
    reportBenchResults("requests", measures, log);
    return measures.every((m) => m.met !== false) ? 0 : 1;
  } finally {
    for (const server of servers) await stopServer(server);
    await database.stop();
  }
});

/** One wrk run against one server, with the server's CPU per request where /proc tells it. */
type Measured = WrkResult & { cpuMicrosPerRequest: number | undefined };

function format(result: Measured) {
  const cpu = result.cpuMicrosPerRequest === undefined ? "" : `, ${result.cpuMicrosPerRequest.toFixed(0)} µs CPU/req`;
  return `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms${cpu}${result.errors ? `, ${result.errors} errors` : ""}`;
}

/** Paths of `count` published listings, spread over the table. */
async function listingPaths(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM businesses WHERE status = 'PUBLISHED' AND deleted_at IS NULL ORDER BY md5(id::text) LIMIT $1",
      [count],
    );
    return rows.map((row) => `/businesses/${row.id}`);
  } finally {
    await client.end();
  }
}
