// Logging out as a use case: the session of the refresh token ends and the logout is in the
// person's activity; an unknown or already-ended token changes nothing and records nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { logIn } from "../../functions/accounts/log-in.ts";
import { logOut } from "../../functions/accounts/log-out.ts";
import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const anonymous = () => ({
  requestId: randomUUID(),
  ipAddress: "203.0.113.41",
  userAgent: "browser",
  receivedAt: TEST_NOW,
});
const logouts = () => seeded.db.prisma.activityLog.findMany({ where: { action: "auth.logout" } });

describe("logOut", () => {
  it("ends the session and records the logout as the person's, once", async () => {
    const { refreshToken } = await logIn(
      seeded.deps,
      { email: ACTORS.buyerWithoutNda, password: DEVELOPMENT_PASSWORD },
      anonymous(),
    );
    const person = await seeded.db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithoutNda } });
    await logOut(seeded.deps, { refreshToken }, anonymous());
    expect(await seeded.db.prisma.session.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    expect((await logouts()).map((row) => [row.userId, row.ipAddress])).toEqual([[person.id, "203.0.113.41"]]);

    // Again, and with a token nobody was given: nothing more happens.
    await logOut(seeded.deps, { refreshToken }, anonymous());
    await logOut(seeded.deps, { refreshToken: "not-a-refresh-token" }, anonymous());
    expect(await logouts()).toHaveLength(1);
  });
});
