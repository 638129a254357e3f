// Live matching at scale: one listing against 100,000 buyer profiles, and one buyer profile
// against 100,000 listings, through the engine as the event handlers run it (score, then store:
// functions/matching/), against the bare scoring query (the same SQL, scores only, nothing
// stored) run directly through `pg` in the same run, alternating, on the same database.

import pg from "pg";
import { runCli } from "../functions/cli/run-cli.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { createDatabaseClient } from "../functions/db/prisma-client.ts";
import { MIN_MATCH_SCORE } from "../functions/matching/matching-rules.ts";
import {
  LISTING_AGAINST_PROFILES_SQL,
  recomputeListingMatches,
} from "../functions/matching/recompute-listing-matches.ts";
import {
  PROFILE_AGAINST_LISTINGS_SQL,
  recomputeProfileMatches,
} from "../functions/matching/recompute-profile-matches.ts";
import type { StoredMatches } from "../functions/matching/store-matches-sql.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { seedBuyerProfiles } from "./matching/seed-buyer-profiles.ts";
import { seedListings } from "./search/seed-listings.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:matching [-- --listings N] [-- --profiles P] [-- --samples S]

Seeds N listings and P buyer profiles (default 100000 each; kept in .data/bench-matching
between runs), then, for S listings and S profiles (default 15 each, spread over the data):
recomputes the listing's matches against every profile, and the profile's against every
listing, as the event handlers do (score and store; each sample's first computation, so every
new match is written), alternating with the bare scoring query through raw pg (the same SQL
with no storing). Prints the median and slowest times of both and the ratio of the medians.
Target: 200 ms or less for each recompute.
Set BENCH_DATABASE_URL to use another server.
`;

const DATABASE = "bench_matching";
const TARGET_MS = 200;

interface Timing {
  engine: number[];
  bare: number[];
  stored: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const slowest = (values: number[]) => Math.max(...values);

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

await runCli(USAGE, async (args) => {
  const listings = intOption(args, "listings", 100_000);
  const profiles = intOption(args, "profiles", 100_000);
  const samples = intOption(args, "samples", 15);
  const log = (message: string) => process.stdout.write(`${message}\n`);

  const server = await openBenchServer(".data/bench-matching");
  const url = withDatabaseName(server.url, DATABASE);
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${DATABASE}"`);
    log("Applying migrations...");
    await applyMigrations(url);
    log(`Seeding ${listings.toLocaleString("en-GB")} listings and ${profiles.toLocaleString("en-GB")} profiles...`);
    await seedListings(url, listings, log);
    await seedBuyerProfiles(url, profiles, log);

    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const { prisma } = createDatabaseClient(url, { maxConnections: 1 });
    try {
      // Each run starts from no matches, so every sample is a first computation.
      await raw.query("TRUNCATE matches");
      const pick = async (table: string) =>
        (
          await raw.query<{ id: string }>(
            `SELECT id::text FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${table}) t
             WHERE n % greatest(1, (SELECT count(*) FROM ${table}) / $1) = 0 LIMIT $1`,
            [samples],
          )
        ).rows.map((row) => row.id);
      const now = new Date();
      const bare = async (sql: string, id: string) =>
        (await raw.query(`SELECT * FROM (${sql}) s WHERE score >= ${MIN_MATCH_SCORE}`, [id])).rowCount ?? 0;

      const cases: [string, string, string[], (id: string) => Promise<StoredMatches>][] = [
        [
          `one listing against ${profiles.toLocaleString("en-GB")} buyer profiles`,
          LISTING_AGAINST_PROFILES_SQL,
          await pick("businesses"),
          (id) => recomputeListingMatches(prisma, id, now),
        ],
        [
          `one buyer profile against ${listings.toLocaleString("en-GB")} listings`,
          PROFILE_AGAINST_LISTINGS_SQL,
          await pick("buyer_profiles"),
          (id) => recomputeProfileMatches(prisma, id, now),
        ],
      ];
      const results: [string, Timing][] = [];
      for (const [label, sql, ids, recompute] of cases) {
        log(`\n${label}: ${ids.length} samples`);
        // Warm both paths once (plans, caches) on a sample not measured.
        await bare(sql, ids[0]!);
        const timing: Timing = { engine: [], bare: [], stored: [] };
        for (const [index, id] of ids.entries()) {
          const [bareMs, found] = await timed(() => bare(sql, id));
          const [engineMs, stored] = await timed(() => recompute(id));
          if (stored.kept !== found)
            throw new Error(`engine kept ${stored.kept} matches, the bare query found ${found}`);
          timing.bare.push(bareMs);
          timing.engine.push(engineMs);
          timing.stored.push(stored.inserted);
          log(
            `  ${index + 1}/${ids.length}: engine ${engineMs.toFixed(1)} ms (${stored.inserted} matches stored), bare ${bareMs.toFixed(1)} ms`,
          );
        }
        results.push([label, timing]);
      }

      log("");
      // Every recompute, not only the median, must stay within the target: the slowest is the measure.
      const measures: BenchMeasure[] = results.map(([label, timing]) => ({
        measure: `matching: slowest recompute, ${label}`,
        project: `${slowest(timing.engine).toFixed(1)} ms (p50 ${median(timing.engine).toFixed(1)})`,
        baseline: `${median(timing.bare).toFixed(1)} ms p50`,
        ratio: median(timing.engine) / median(timing.bare),
        target: `<= ${TARGET_MS} ms`,
        met: slowest(timing.engine) <= TARGET_MS,
      }));
      reportBenchResults("matching", measures, log);
      return measures.every((measure) => measure.met) ? 0 : 1;
    } finally {
      await raw.end();
      await prisma.$disconnect();
    }
  } finally {
    await admin.end();
    await server.stop();
  }
});
