import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createApp } from "../../functions/api/app.ts";
import type { Clock } from "../../functions/clock/clock.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import type { DatabaseProbe, PoolStats } from "../../functions/db/prisma-client.ts";
import { dispatchEvents } from "../../functions/events/dispatch-events.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import { dispatchOutbox } from "../../functions/outbox/dispatch-outbox.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { EVENT_HANDLERS } from "../../functions/runtime/event-handlers.ts";
import { messageDelivery } from "../../functions/runtime/message-delivery.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { failOnUndocumentedProblems } from "./documented-problems.ts";
import { REPO_ROOT } from "./prisma-cli.ts";
import { testClock } from "./test-clock.ts";

/**
 * The real app on a test database: a mailer that keeps what it sends, local-disk storage in a
 * fresh folder, quiet logs, and the tests' fixed clock (TEST_NOW) unless a test brings its own.
 */
export function createTestApp(
  prisma: PrismaClient,
  extras: { poolStats?: () => PoolStats; databaseProbe?: DatabaseProbe; clock?: Clock } = {},
) {
  const mailer = new MemoryMailer();
  const environment = loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" });
  // Each app gets its own folder, so parallel test files never see each other's files.
  const storageDir = join(REPO_ROOT, ".data", "test-storage", randomUUID());
  const storage = new LocalDiskStorage(storageDir);
  const deps = createDependencies(environment, prisma, { mailer, storage, clock: testClock(), ...extras });
  const app = failOnUndocumentedProblems(createApp(deps));
  /** Delivers every message due in the outbox (what the dispatcher does after commit). */
  const deliverMail = async () => {
    const dispatch = { ...deps, ...messageDelivery(deps.config) };
    for (;;) {
      const result = await dispatchOutbox(dispatch);
      if (result.sent + result.cancelled === 0) break;
    }
    return mailer.sent;
  };
  /** Handles every event due in the outbox (what the dispatcher does after commit): matches recomputed. */
  const handleEvents = async () => {
    const dispatch = { ...deps, handlers: EVENT_HANDLERS };
    let handled = 0;
    for (;;) {
      const result = await dispatchEvents(dispatch);
      handled += result.handled;
      if (result.handled + result.requeued === 0) return handled;
    }
  };
  return { app, deps, mailer, deliverMail, handleEvents, storage, storageDir };
}
