// Login sessions as the database keeps them: what a new session records, how a refresh token is
// exchanged (once; a reused one ends the whole login; an expired, erased or suspended one is
// refused), how a logout ends it, and the account lookup every signed-in request makes.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findSignedInAccount } from "../../functions/auth/find-signed-in-account.ts";
import { hashSecretToken } from "../../functions/auth/secret-token.ts";
import { endSession, rotateSession, startSession } from "../../functions/auth/sessions.ts";
import { AppError } from "../../functions/errors/app-error.ts";
import { waitForLockWaiters } from "../support/lock-waiters.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const context = { userAgent: "browser", ipAddress: "203.0.113.50" };
const later = (seconds: number) => new Date(TEST_NOW.getTime() + seconds * 1000);

async function person(email: string) {
  return seeded.db.prisma.user.findFirstOrThrow({ where: { email }, select: { id: true, role: true } });
}
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : error);
const rotate = (refreshToken: string, now = later(60)) =>
  rotateSession(seeded.deps.prisma, seeded.deps.config, refreshToken, context, now).catch(codeOf);
const sessionOf = (refreshToken: string) =>
  seeded.db.prisma.session.findUniqueOrThrow({ where: { refreshTokenHash: hashSecretToken(refreshToken) } });

describe("startSession", () => {
  it("records the browser (at most 512 characters) and address, and expires after the refresh lifetime", async () => {
    const user = await person(ACTORS.buyerWithNda);
    const { config } = seeded.deps;
    const long = await startSession(
      seeded.deps.prisma,
      config,
      user,
      { userAgent: "x".repeat(600), ipAddress: "203.0.113.51" },
      TEST_NOW,
    );
    expect(await sessionOf(long.refreshToken)).toMatchObject({
      userId: user.id,
      userAgent: "x".repeat(512),
      ipAddress: "203.0.113.51",
      createdAt: TEST_NOW,
      expiresAt: later(config.refreshTokenTtlSeconds),
      revokedAt: null,
    });
    expect(long.expiresIn).toBe(config.accessTokenTtlSeconds);
    const bare = await startSession(seeded.deps.prisma, config, user, {}, TEST_NOW);
    expect(await sessionOf(bare.refreshToken)).toMatchObject({ userAgent: null, ipAddress: null });
  });
});

describe("rotateSession", () => {
  it("exchanges a refresh token once, within the same login, for the account's own role", async () => {
    const user = await person(ACTORS.advisorOffDeal);
    const first = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    const second = await rotate(first.refreshToken);
    expect(second).toMatchObject({ expiresIn: seeded.deps.config.accessTokenTtlSeconds });
    const [old, replacement] = [
      await sessionOf(first.refreshToken),
      await sessionOf((second as { refreshToken: string }).refreshToken),
    ];
    expect(old.revokedAt).toEqual(later(60));
    expect(replacement).toMatchObject({ familyId: old.familyId, userId: user.id, revokedAt: null });
  });

  it("refuses a token nobody was given, one at or past its expiry, and an erased person's", async () => {
    expect(await rotate("never-issued")).toBe("token_invalid");
    const user = await person(ACTORS.otherSeller);
    const expiring = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    const expiresAt = (await sessionOf(expiring.refreshToken)).expiresAt;
    expect(await rotate(expiring.refreshToken, expiresAt)).toBe("token_invalid");
    const live = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    await seeded.db.prisma.user.update({ where: { id: user.id }, data: { deletedAt: TEST_NOW } });
    expect(await rotate(live.refreshToken)).toBe("token_invalid");
  });

  it("refuses a suspended person's", async () => {
    const user = await person("owen.davies@gmail.example");
    const tokens = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    await seeded.db.prisma.user.update({ where: { id: user.id }, data: { status: "SUSPENDED" } });
    expect(await rotate(tokens.refreshToken)).toBe("account_suspended");
    expect((await sessionOf(tokens.refreshToken)).revokedAt).toBeNull();
  });

  it("ends the whole login when a used token comes back", async () => {
    const user = await person(ACTORS.buyerWithoutNda);
    const first = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    const second = (await rotate(first.refreshToken)) as { refreshToken: string };
    expect(await rotate(first.refreshToken, later(120))).toBe("refresh_token_reused");
    expect((await sessionOf(second.refreshToken)).revokedAt).toEqual(later(120));
  });

  it("lets one of two refreshes racing with the same token win", async () => {
    const user = await person("priya.sharma@careventures.co.uk");
    const tokens = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    const session = await sessionOf(tokens.refreshToken);
    // Both read the live session, then queue for its row behind this lock.
    const holder = new pg.Client({ connectionString: seeded.db.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM sessions WHERE id = $1 FOR UPDATE", [session.id]);
      const outcomes = Promise.all([rotate(tokens.refreshToken), rotate(tokens.refreshToken)]);
      await waitForLockWaiters(holder, 2);
      await holder.query("COMMIT");
      const results = await outcomes;
      expect(results.filter((result) => result === "refresh_token_reused")).toHaveLength(1);
      expect(results.filter((result) => typeof result === "object")).toHaveLength(1);
    } finally {
      await holder.end();
    }
    expect(await seeded.db.prisma.session.count({ where: { familyId: session.familyId, revokedAt: null } })).toBe(1);
  });
});

describe("endSession", () => {
  it("says whose live session it ended, and nothing for a token that is not live", async () => {
    const user = await person(ACTORS.ownerSeller);
    const tokens = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    expect(await endSession(seeded.deps.prisma, tokens.refreshToken, later(5))).toEqual({ userId: user.id });
    expect((await sessionOf(tokens.refreshToken)).revokedAt).toEqual(later(5));
    expect(await endSession(seeded.deps.prisma, tokens.refreshToken, later(6))).toEqual({ userId: undefined });
    expect(await endSession(seeded.deps.prisma, "never-issued", later(6))).toEqual({ userId: undefined });
  });
});

describe("findSignedInAccount", () => {
  it("finds the account and whether the token's login is live; nobody for an unknown account", async () => {
    const user = await person(ACTORS.advisorOnDeal);
    const tokens = await startSession(seeded.deps.prisma, seeded.deps.config, user, context, TEST_NOW);
    const { familyId } = await sessionOf(tokens.refreshToken);
    const claims = { userId: user.id, role: user.role, sessionId: familyId };
    expect(await findSignedInAccount(seeded.deps.prisma, claims, later(1))).toMatchObject({
      id: user.id,
      email: ACTORS.advisorOnDeal,
      role: "ADVISOR",
      status: "ACTIVE",
      deletedAt: null,
      sessionLive: true,
    });
    await endSession(seeded.deps.prisma, tokens.refreshToken, later(2));
    expect((await findSignedInAccount(seeded.deps.prisma, claims, later(3)))?.sessionLive).toBe(false);
    expect(
      await findSignedInAccount(seeded.deps.prisma, { ...claims, userId: randomUUID() }, later(3)),
    ).toBeUndefined();
  });
});
