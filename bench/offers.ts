// The deal's two hot paths (issue 28), through the API as `npm start` serves it, against the same
// queries on raw `pg` in the same run: the seller's board for a listing with 200 live offers, and
// 20 competing acceptances of different offers on one listing at the same moment (exactly one may
// win). The raw baseline runs the queries only: no HTTP, no validation, no PDF.

import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { runCli } from "../functions/cli/run-cli.ts";
import { systemClock } from "../functions/clock/clock.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { ensureLoginRole, withCredentials } from "../functions/db/database-roles.ts";
import { withDatabaseName } from "../functions/db/database-url.ts";
import { createDatabaseClient } from "../functions/db/prisma-client.ts";
import type { OfferTerms } from "../functions/domain/offer-terms-rules.ts";
import { seedWithDevelopmentPassword } from "../prisma/seed/seed-with-password.ts";
import { stableId } from "../prisma/seed/stable-id.ts";
import { freePort } from "../tests/support/free-port.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { BENCH_APP_LOGIN, startApiServer } from "./search/listings-database.ts";
import { type BenchMeasure, reportBenchResults } from "./support/bench-results.ts";
import { stopServer } from "./support/child-server.ts";

const USAGE = `
Usage: npm run bench:offers [-- --offers N] [-- --reads R] [-- --racers C]

Makes a database (embedded PostgreSQL in .data/bench-offers, or BENCH_DATABASE_URL's server)
with the development seed and N buyers (default 200) each with a live offer on one listing,
starts the API (npm start's server, as a login of exitmatch_app), and measures:
  - the seller's board (GET /businesses/{id}/offers), R reads one at a time (default 200),
    against the same three queries on raw pg as the seller (row-level security applies to both);
    target p50 at most 50 ms through the API;
  - C acceptances (default 20) of different offers on another listing, all at once, through the
    API and then as the same writes on raw pg on a third listing: exactly one may win each time.
Prints the p50 and p99 of each and the ratios.
`;

const DATABASE = "bench_offers";
const DAY_MS = 86_400_000;
const BOARD_TARGET_MS = 50;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
};

function cashTerms(pricePence: number, today: Date): OfferTerms {
  return {
    dealType: "SHARE_PURCHASE",
    pricePence,
    cashFreeDebtFree: true,
    payment: {
      cashAtCompletionPence: Math.round(pricePence * 0.8),
      deferred: [{ amountPence: pricePence - Math.round(pricePence * 0.8), monthsAfterCompletion: 12 }],
    },
    priceMechanism: { kind: "COMPLETION_ACCOUNTS" },
    funding: [{ source: "OWN_CASH", amountPence: Math.round(pricePence * 0.8) }],
    conditions: [{ kind: "FINANCE" }, { kind: "DUE_DILIGENCE" }],
    exclusivityDays: 30 + (pricePence % 60),
    targetCompletionDate: new Date(today.getTime() + 120 * DAY_MS).toISOString().slice(0, 10),
    openDays: 7,
  };
}

/** N buyers, each with a signed NDA, a current due diligence record and a live offer on each listing. */
async function makeBidders(url: string, listings: string[], count: number, now: Date, label: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const buyers: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = randomUUID();
      buyers.push(id);
      await client.query(
        `INSERT INTO users (id, email, name, role, email_verified_at, created_at, updated_at)
         VALUES ($1, $2, $3, 'BUYER', $4, $4, $4)`,
        [id, `bench.${label}.${i}@example.co.uk`, `Bench Bidder ${label} ${i}`, now],
      );
      await client.query(
        `INSERT INTO buyer_due_diligence (id, buyer_id, identity_method, identity_checked_at, source_of_funds,
           risk_rating, recorded_by_id, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'ELECTRONIC', $2, 'Savings', 'LOW', $3, $2, $2)`,
        [id, now, stableId("admin")],
      );
      for (const listing of listings) {
        const inquiry = randomUUID();
        await client.query(
          `INSERT INTO inquiries (id, business_id, buyer_id, message, status, nda_version, nda_accepted_at, created_at, updated_at)
           VALUES ($1, $2, $3, 'Benchmark bidder', 'ACCEPTED', '2026-01', $4, $4, $4)`,
          [inquiry, listing, id, now],
        );
        const terms = cashTerms(150_000_000 + i * 1_000_00, now);
        const offer = randomUUID();
        const openUntil = new Date(now.getTime() + 7 * DAY_MS);
        await client.query(
          `INSERT INTO offers (id, business_id, buyer_id, inquiry_id, status, latest_version, open_until, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'AWAITING_SELLER', 1, $5, $6, $6)`,
          [offer, listing, id, inquiry, openUntil, now],
        );
        await client.query(
          `INSERT INTO offer_versions (id, offer_id, number, proposed_by, proposed_by_id, deal_type, price_pence,
             cash_at_completion_pence, terms, open_until, created_at)
           VALUES (gen_random_uuid(), $1, 1, 'BUYER', $2, 'SHARE_PURCHASE', $3, $4, $5, $6, $7)`,
          [offer, id, terms.pricePence, terms.payment.cashAtCompletionPence, JSON.stringify(terms), openUntil, now],
        );
      }
    }
    await client.query("COMMIT");
    return buyers;
  } finally {
    await client.end();
  }
}

/** The board's queries, as the use case runs them (functions/offers/offer-board.ts), as the seller. */
async function rawBoard(pool: pg.Pool, listing: string, sellerId: string, now: Date) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "SELECT set_config('exitmatch.user_id', $1, true), set_config('exitmatch.user_role', 'SELLER', true)",
      [sellerId],
    );
    await client.query(
      `SELECT b.id, b.seller_id, b.ebitda_pence, b.sde_pence, a.user_id FROM businesses b
       LEFT JOIN advisor_profiles a ON a.id = b.advisor_id WHERE b.id = $1 AND b.deleted_at IS NULL`,
      [listing],
    );
    await client.query(
      `SELECT ebitda_pence, sde_pence FROM business_financials WHERE business_id = $1 AND deleted_at IS NULL
       ORDER BY financial_year_end DESC LIMIT 1`,
      [listing],
    );
    const { rows } = await client.query(
      `SELECT o.id, o.status, o.latest_version, o.open_until, o.frozen_at IS NOT NULL AS frozen, v.terms,
              u.verified_at IS NOT NULL AS verified
       FROM offers o JOIN offer_versions v ON v.offer_id = o.id AND v.number = o.latest_version
       JOIN users u ON u.id = o.buyer_id
       WHERE o.business_id = $1 AND o.status IN ('AWAITING_SELLER', 'AWAITING_BUYER') AND o.open_until > $2`,
      [listing, now],
    );
    await client.query("COMMIT");
    return rows.length;
  } finally {
    client.release();
  }
}

/** An acceptance's writes (functions/offers/accept-offer.ts) on raw pg: true when this one won. */
async function rawAccept(pool: pg.Pool, offer: { id: string; businessId: string; buyerId: string }, sellerId: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "SELECT set_config('exitmatch.user_id', $1, true), set_config('exitmatch.user_role', 'SELLER', true)",
      [sellerId],
    );
    await client.query("SELECT 1 FROM businesses WHERE id = $1 FOR UPDATE", [offer.businessId]);
    const updated = await client.query(
      `UPDATE offers SET status = 'ACCEPTED', ended_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'AWAITING_SELLER' AND latest_version = 1 AND frozen_at IS NULL RETURNING id`,
      [offer.id],
    );
    if (updated.rowCount === 0) {
      await client.query("ROLLBACK");
      return false;
    }
    const version = await client.query("SELECT id FROM offer_versions WHERE offer_id = $1 AND number = 1", [offer.id]);
    await client.query(
      `INSERT INTO deals (id, business_id, offer_id, offer_version_id, buyer_id, seller_id, heads_of_terms_storage_key,
         heads_of_terms_sha256, exclusivity_days, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 60, now(), now())`,
      [offer.businessId, offer.id, version.rows[0].id, offer.buyerId, sellerId, `bench/${offer.id}`, "0".repeat(64)],
    );
    await client.query("SELECT * FROM freeze_other_offers($1, $2, now())", [offer.businessId, offer.id]);
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK");
    if ((error as { code?: string }).code === "23505") return false;
    throw error;
  } finally {
    client.release();
  }
}

await runCli(USAGE, async (args) => {
  const bidders = intOption(args, "offers", 200);
  const reads = intOption(args, "reads", 200);
  const racers = intOption(args, "racers", 20);
  const log = (message: string) => process.stdout.write(`${message}\n`);

  const server = await openBenchServer(".data/bench-offers");
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const url = withDatabaseName(server.url, DATABASE);
  const servers: ChildProcess[] = [];
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    log("Migrating and seeding...");
    await applyMigrations(url);
    const { prisma } = createDatabaseClient(url, { maxConnections: 2 });
    await seedWithDevelopmentPassword(prisma, undefined, undefined, systemClock);
    await prisma.$disconnect();
    await ensureLoginRole(url, { ...BENCH_APP_LOGIN, kind: "app" });
    const appUrl = withCredentials(url, BENCH_APP_LOGIN.name, BENCH_APP_LOGIN.password);

    // business-1: the board; business-2: the API's race; business-5: the raw race (sellers without deals).
    const [board, apiRace, rawRace] = ["business-1", "business-2", "business-5"].map(stableId) as [
      string,
      string,
      string,
    ];
    const now = systemClock.now();
    log(`Making ${bidders} bidders on one listing and ${racers} on two more, each with a live offer...`);
    await makeBidders(url, [board], bidders, now, "board");
    await makeBidders(url, [apiRace, rawRace], racers, now, "race");

    const port = await freePort();
    log("Starting the API...");
    servers.push(await startApiServer({ url, appUrl }, port));
    const origin = `http://127.0.0.1:${port}`;
    const login = async (email: string) => {
      const response = await fetch(`${origin}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "ExitMatch-dev-2026" }),
      });
      return ((await response.json()) as { accessToken: string }).accessToken;
    };
    const sellerToken = await login("david.hughes@northpoint-it.co.uk");
    const raceSellerToken = await login("amelia.clarke@crumbandco.co.uk");
    const pool = new pg.Pool({ connectionString: appUrl, max: racers });

    // The board, one read at a time.
    const timeApi = async () => {
      const started = performance.now();
      const response = await fetch(`${origin}/businesses/${board}/offers?sort=pricePence&direction=desc`, {
        headers: { authorization: `Bearer ${sellerToken}` },
      });
      const body = (await response.json()) as { offers: unknown[] };
      if (response.status !== 200 || body.offers.length !== bidders) throw new Error(`board: ${response.status}`);
      return performance.now() - started;
    };
    const timeRaw = async () => {
      const started = performance.now();
      const rows = await rawBoard(pool, board, stableId("seller-1"), now);
      if (rows !== bidders) throw new Error(`raw board: ${rows} rows`);
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i += 1) await Promise.all([timeApi(), timeRaw()]); // warm-up
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    log(`Board: ${reads} reads each, alternating...`);
    for (let i = 0; i < reads; i += 1) {
      apiTimes.push(await timeApi());
      rawTimes.push(await timeRaw());
    }

    // The races: every offer on the listing accepted at once.
    // Read as the owner: row-level security shows the app's login no offers without a caller.
    const offersOn = async (listing: string) => {
      const owner = new pg.Client({ connectionString: url });
      await owner.connect();
      try {
        const { rows } = await owner.query<{ id: string; buyer_id: string }>(
          "SELECT id::text, buyer_id::text FROM offers WHERE business_id = $1 AND status = 'AWAITING_SELLER'",
          [listing],
        );
        return rows;
      } finally {
        await owner.end();
      }
    };
    const apiRacers = await offersOn(apiRace);
    log(`Race: ${apiRacers.length} acceptances at once through the API...`);
    const apiStarted = performance.now();
    const apiOutcomes = await Promise.all(
      apiRacers.map(async (offer) => {
        const started = performance.now();
        const response = await fetch(`${origin}/offers/${offer.id}/accept`, {
          method: "POST",
          headers: { authorization: `Bearer ${raceSellerToken}`, "if-match": '"1"' },
        });
        const body = (await response.json()) as { code?: string };
        return { status: response.status, code: body.code, ms: performance.now() - started };
      }),
    );
    const apiWall = performance.now() - apiStarted;
    const rawRacers = await offersOn(rawRace);
    log(`Race: ${rawRacers.length} acceptances at once on raw pg...`);
    const rawStarted = performance.now();
    const rawOutcomes = await Promise.all(
      rawRacers.map(async (offer) => {
        const started = performance.now();
        const won = await rawAccept(
          pool,
          { id: offer.id, businessId: rawRace, buyerId: offer.buyer_id },
          stableId("seller-5"),
        );
        return { won, ms: performance.now() - started };
      }),
    );
    const rawWall = performance.now() - rawStarted;
    await pool.end();

    const apiWinners = apiOutcomes.filter((outcome) => outcome.status === 200).length;
    const apiLosers = apiOutcomes.filter((outcome) => outcome.status === 409 && outcome.code === "offer_frozen").length;
    const rawWinners = rawOutcomes.filter((outcome) => outcome.won).length;
    const p50 = { api: percentile(apiTimes, 50), raw: percentile(rawTimes, 50) };
    const p99 = { api: percentile(apiTimes, 99), raw: percentile(rawTimes, 99) };
    log(
      `Board (${bidders} live offers): api p50 ${p50.api.toFixed(1)} ms p99 ${p99.api.toFixed(1)} ms; raw p50 ${p50.raw.toFixed(1)} ms p99 ${p99.raw.toFixed(1)} ms`,
    );
    log(
      `Race (${racers} at once): api ${apiWinners} won, ${apiLosers} told offer_frozen, ${racers - apiWinners - apiLosers} otherwise, ` +
        `${apiWall.toFixed(0)} ms; raw ${rawWinners} won, ${rawWall.toFixed(0)} ms`,
    );
    const measures: BenchMeasure[] = [
      {
        measure: `seller's board, ${bidders} live offers, p50 (1 client)`,
        project: `${p50.api.toFixed(1)} ms`,
        baseline: `${p50.raw.toFixed(1)} ms`,
        ratio: p50.api / p50.raw,
        target: `<= ${BOARD_TARGET_MS} ms`,
        met: p50.api <= BOARD_TARGET_MS,
      },
      {
        measure: `seller's board p99`,
        project: `${p99.api.toFixed(1)} ms`,
        baseline: `${p99.raw.toFixed(1)} ms`,
        ratio: p99.api / p99.raw,
        target: "",
        met: null,
      },
      {
        measure: `${racers} competing acceptances: winners`,
        project: `${apiWinners} (${apiLosers} offer_frozen)`,
        baseline: `${rawWinners}`,
        ratio: null,
        target: "exactly 1",
        met: apiWinners === 1 && apiLosers === racers - 1 && rawWinners === 1,
      },
      {
        measure: `${racers} competing acceptances: all answered`,
        project: `${apiWall.toFixed(0)} ms (p50 ${percentile(
          apiOutcomes.map((o) => o.ms),
          50,
        ).toFixed(0)} ms)`,
        baseline: `${rawWall.toFixed(0)} ms (p50 ${percentile(
          rawOutcomes.map((o) => o.ms),
          50,
        ).toFixed(0)} ms)`,
        ratio: apiWall / rawWall,
        target: "",
        met: null,
      },
    ];
    reportBenchResults("offers", measures, log);
    return measures.every((measure) => measure.met !== false) ? 0 : 1;
  } finally {
    for (const child of servers) await stopServer(child);
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server.stop();
  }
});
