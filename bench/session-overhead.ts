import { withDatabaseName } from "../functions/db/database-url.ts";
// The cost of carrying the caller to PostgreSQL (functions/db/database-session.ts): for a
// signed-in caller, a statement outside a transaction runs as BEGIN; set_config(...);
// statement; COMMIT. Measured against the same Prisma query with no session (what anonymous
// reads do), in the same run, alternating rounds, on one connection so only round trips differ.

import { randomUUID } from "node:crypto";
import pg from "pg";
import { findSignedInAccount } from "../functions/auth/find-signed-in-account.ts";
import { runCli } from "../functions/cli/run-cli.ts";
import { systemClock } from "../functions/clock/clock.ts";
import { applyMigrations } from "../functions/db/apply-migrations.ts";
import { runWithDatabaseSession } from "../functions/db/database-session.ts";
import { createDatabaseClient } from "../functions/db/prisma-client.ts";
import { seedWithDevelopmentPassword } from "../prisma/seed/seed-with-password.ts";
import { intOption, openBenchServer } from "./bench-server.ts";
import { reportBenchResults } from "./support/bench-results.ts";

const USAGE = `
Usage: npm run bench:session [-- --queries N] [-- --rounds R]

Runs N lookups (default 5000) through Prisma, R rounds each (default 3, alternating): with
no session (anonymous) and as a signed-in user, of a listing (no row-level security: nothing
to carry) and of a listing's financials (row-level security: the signed-in read runs in a short
transaction that first sets the caller). Then the authentication lookup every signed-in request
makes: the account and its live login session, against the account alone. Prints the median queries per second and the ratios. Uses an embedded PostgreSQL in .data/bench-session (or BENCH_DATABASE_URL's server).
`;

const DATABASE = "bench_session";

await runCli(USAGE, async (args) => {
  const queries = intOption(args, "queries", 5000);
  const rounds = intOption(args, "rounds", 3);
  const server = await openBenchServer(".data/bench-session");
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const url = withDatabaseName(server.url, DATABASE);
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    await applyMigrations(url);
    const { prisma } = createDatabaseClient(url, { maxConnections: 1 });
    try {
      await seedWithDevelopmentPassword(prisma);
      const listing = await prisma.business.findFirstOrThrow({ select: { id: true } });
      const user = await prisma.user.findFirstOrThrow({ where: { role: "BUYER" }, select: { id: true } });
      const session = { userId: user.id, userRole: "BUYER", requestId: "bench" };
      const timed = (lookup: () => Promise<unknown>) => async () => {
        const started = performance.now();
        for (let i = 0; i < queries; i += 1) await lookup();
        return queries / ((performance.now() - started) / 1000);
      };
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      // A listing (no row-level security: one round trip either way) and a listing's financials
      // (row-level security: the signed-in read runs in a short transaction that sets the caller).
      const cases = [
        ["listing", timed(() => prisma.business.findUnique({ where: { id: listing.id } }))],
        ["financials", timed(() => prisma.businessFinancial.findMany({ where: { businessId: listing.id } }))],
      ] as const;
      for (const [label, lookups] of cases) {
        const anonymous: number[] = [];
        const signedIn: number[] = [];
        await lookups(); // warm-up
        for (let round = 1; round <= rounds; round += 1) {
          process.stderr.write(`${label}, round ${round}/${rounds}: ${queries} lookups each way...\n`);
          anonymous.push(await lookups());
          signedIn.push(await runWithDatabaseSession(session, lookups));
        }
        const a = median(anonymous);
        const s = median(signedIn);
        console.log(
          `${label}: ${Math.round(s)} queries/s signed in, ${Math.round(a)} anonymous; ratio ${(s / a).toFixed(2)}x ` +
            `(${((1000 / s - 1000 / a) * 1000).toFixed(0)} µs more per statement)`,
        );
      }
      // Authentication: what every signed-in request pays to check its access token. Before, the
      // account alone was looked up (a token outlived its session); now the account and whether
      // its login session is live, in the same single round trip.
      const family = randomUUID();
      await prisma.session.create({
        data: {
          userId: user.id,
          familyId: family,
          refreshTokenHash: `bench-${family}`,
          expiresAt: new Date(systemClock.now().getTime() + 86_400_000),
        },
      });
      const claims = { userId: user.id, role: "BUYER" as const, sessionId: family };
      const accountOnly = timed(() =>
        prisma.user.findUnique({
          where: { id: user.id },
          select: { id: true, role: true, email: true, status: true, deletedAt: true },
        }),
      );
      const withSession = timed(() => findSignedInAccount(prisma, claims, systemClock.now()));
      const before: number[] = [];
      const after: number[] = [];
      await withSession(); // warm-up
      for (let round = 1; round <= rounds; round += 1) {
        process.stderr.write(`authenticate, round ${round}/${rounds}: ${queries} lookups each way...\n`);
        before.push(await accountOnly());
        after.push(await withSession());
      }
      const b = median(before);
      const a = median(after);
      console.log(
        `authenticate: ${Math.round(a)} lookups/s with the session check, ${Math.round(b)} account only; ` +
          `ratio ${(a / b).toFixed(2)}x (${((1000 / a - 1000 / b) * 1000).toFixed(0)} µs more per request)`,
      );
      reportBenchResults(
        "session",
        [
          {
            measure: "authentication with the session check",
            project: `${Math.round(a)} lookups/s`,
            baseline: `${Math.round(b)} lookups/s`,
            ratio: a / b,
            target: "",
            met: null,
          },
        ],
        (line) => console.log(line),
      );
    } finally {
      await prisma.$disconnect();
    }
    return 0;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await server.stop();
  }
});
