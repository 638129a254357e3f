import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { AppError } from "../../functions/errors/app-error.ts";
import { MemoryMailer } from "../../functions/mail/mailer.ts";
import type { SignedInRequest } from "../../functions/requests/request-context.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import type { AppDependencies } from "../../functions/runtime/app-dependencies.ts";
import { createDependencies } from "../../functions/runtime/create-dependencies.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { REPO_ROOT } from "./prisma-cli.ts";
import { seedTestData } from "./seed.ts";
import { TEST_NOW, testClock } from "./test-clock.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

/**
 * A request from the seeded person with `email`, as the HTTP layer would build it after
 * authentication: for calling use cases directly. Run the use case inside
 * `runForRequest(request, ...)` so its queries carry the caller, as a real request's do.
 */
export async function requestFrom(
  prisma: PrismaClient,
  email: string,
  overrides: Partial<Omit<SignedInRequest, "caller">> = {},
): Promise<SignedInRequest> {
  const user = await prisma.user.findFirstOrThrow({ where: { email }, select: { id: true, role: true, email: true } });
  return {
    requestId: randomUUID(),
    ipAddress: "203.0.113.7",
    userAgent: "use-case-test",
    receivedAt: TEST_NOW,
    ...overrides,
    caller: { ...user, sessionId: randomUUID() },
  };
}

/** Runs a use case as the request's caller; resolves to its result, or to the AppError it threw. */
export async function attempt<T>(request: SignedInRequest, work: () => Promise<T>): Promise<T | AppError> {
  return runForRequest(request, work).catch((error: unknown) => {
    if (error instanceof AppError) return error;
    throw error;
  });
}

/** The error code of an attempt's outcome, or "succeeded". */
export const codeOf = (outcome: unknown) => (outcome instanceof AppError ? outcome.code : "succeeded");

export interface SeededUseCases {
  db: TestDatabase;
  /** The app's dependencies on the test database, as the application's role; files on local disk. */
  deps: AppDependencies;
  /** A request from the seeded person with that e-mail. */
  as(email: string): Promise<SignedInRequest>;
}

/** For a test file of use cases: a fresh seeded database and the app's dependencies on it. */
export function useSeededUseCases(): SeededUseCases {
  const context = {} as SeededUseCases;
  beforeAll(async () => {
    context.db = await createTestDatabase();
    await seedTestData(context.db.prisma);
    const storage = new LocalDiskStorage(join(REPO_ROOT, ".data", "test-storage", randomUUID()));
    context.deps = createDependencies(
      loadEnvironment({ NODE_ENV: "test", LOG_LEVEL: "silent" }),
      context.db.appPrisma,
      {
        clock: testClock(),
        mailer: new MemoryMailer(),
        storage,
      },
    );
    context.as = (email) => requestFrom(context.db.prisma, email);
  });
  afterAll(() => context.db.drop());
  return context;
}
