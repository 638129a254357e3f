import { afterAll, beforeAll } from "vitest";
import { seedTestData } from "./seed.ts";
import { loginAllActors } from "./seed-actors.ts";
import { createTestApp } from "./test-app.ts";
import { testClock } from "./test-clock.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface SeededApp {
  db: TestDatabase;
  app: ReturnType<typeof createTestApp>["app"];
  /** What the app runs on (e.g. `deps.listingViews.flush()` to write counted views now). */
  deps: ReturnType<typeof createTestApp>["deps"];
  /** Delivers the messages waiting in the outbox; returns everything sent so far. */
  deliverMail: ReturnType<typeof createTestApp>["deliverMail"];
  /** Handles the events waiting in the outbox (matches recomputed); returns how many. */
  handleEvents: ReturnType<typeof createTestApp>["handleEvents"];
  /** An access token for each seeded actor. */
  token: Awaited<ReturnType<typeof loginAllActors>>;
  /** The app's clock (TEST_NOW): a test that advances it sets it back, or tokens expire. */
  clock: ReturnType<typeof testClock>;
}

/**
 * For a test file: a fresh database with the development seed, the app on it, and every actor
 * logged in, set up before the file's tests and dropped after. Read the fields inside tests
 * (they are filled in by beforeAll).
 */
export function useSeededApp(): SeededApp {
  const context = {} as SeededApp;
  beforeAll(async () => {
    context.db = await createTestDatabase();
    await seedTestData(context.db.prisma);
    context.clock = testClock();
    ({
      app: context.app,
      deps: context.deps,
      deliverMail: context.deliverMail,
      handleEvents: context.handleEvents,
    } = createTestApp(context.db.appPrisma, {
      clock: context.clock,
    }));
    context.token = await loginAllActors(context.app);
  });
  afterAll(() => context.db.drop());
  return context;
}
