// Logging in as a use case: a wrong password gets the one answer that tells nothing, and leaves
// a failed-login row naming the address tried; a right one records when the person last logged in.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { logIn } from "../../functions/accounts/log-in.ts";
import { AppError } from "../../functions/errors/app-error.ts";
import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const anonymous = () => ({
  requestId: randomUUID(),
  ipAddress: "203.0.113.40",
  userAgent: "browser",
  receivedAt: TEST_NOW,
});

describe("logIn", () => {
  it("answers a wrong password and an unknown address alike, and logs the address tried", async () => {
    const unable = new AppError(
      "invalid_credentials",
      "The email or password is wrong, or the email address is not confirmed yet (use the link we emailed you).",
    );
    for (const email of [ACTORS.otherSeller, "nobody@nowhere.example"]) {
      await expect(logIn(seeded.deps, { email, password: "not-the-password" }, anonymous())).rejects.toMatchObject({
        code: unable.code,
        message: unable.message,
      });
      const failures = await seeded.db.prisma.activityLog.findMany({
        where: { action: "auth.login_failed", entityId: email },
      });
      expect(failures.map((row) => [row.entityType, row.ipAddress])).toEqual([["email", "203.0.113.40"]]);
    }
  });

  it("records when the person last logged in", async () => {
    const request = { ...anonymous(), receivedAt: new Date(TEST_NOW.getTime() + 3_600_000) };
    await logIn(seeded.deps, { email: ACTORS.advisorOffDeal, password: DEVELOPMENT_PASSWORD }, request);
    const user = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.advisorOffDeal } });
    expect(user.lastLoginAt).toEqual(request.receivedAt);
  });
});
