import { afterAll, beforeAll } from "vitest";
import { seedWithDevelopmentPassword } from "../../prisma/seed/seed-with-password.ts";
import { loginAllActors } from "./seed-actors.ts";
import { createTestApp } from "./test-app.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface SeededApp {
  db: TestDatabase;
  app: ReturnType<typeof createTestApp>["app"];
  /** An access token for each seeded actor. */
  token: Awaited<ReturnType<typeof loginAllActors>>;
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
    await seedWithDevelopmentPassword(context.db.prisma);
    context.app = createTestApp(context.db.appPrisma).app;
    context.token = await loginAllActors(context.app);
  });
  afterAll(() => context.db.drop());
  return context;
}
