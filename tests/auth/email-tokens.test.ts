// Single-use e-mail tokens: a confirmation link works for 48 hours, a password-reset link for
// one, each once and for its own purpose only.
import { describe, expect, it } from "vitest";
import { issueEmailToken, spendEmailToken } from "../../functions/auth/email-tokens.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const HOUR = 3_600_000;
const later = (ms: number) => new Date(TEST_NOW.getTime() + ms);

describe("e-mail tokens", () => {
  it.each([
    ["EMAIL_VERIFICATION", 48 * HOUR],
    ["PASSWORD_RESET", HOUR],
  ] as const)("%s: works until %i ms have passed, once, for its purpose only", async (purpose, lifetime) => {
    const prisma = seeded.db.prisma;
    const person = await prisma.user.findFirstOrThrow({ where: { email: ACTORS.buyerWithNda } });
    const lastMoment = await issueEmailToken(prisma, person.id, purpose, TEST_NOW);
    expect(await spendEmailToken(prisma, lastMoment, purpose, later(lifetime - 1))).toBe(person.id);
    expect(await spendEmailToken(prisma, lastMoment, purpose, later(lifetime - 1))).toBeUndefined();

    const expired = await issueEmailToken(prisma, person.id, purpose, TEST_NOW);
    expect(await spendEmailToken(prisma, expired, purpose, later(lifetime))).toBeUndefined();

    const other = purpose === "PASSWORD_RESET" ? "EMAIL_VERIFICATION" : "PASSWORD_RESET";
    const wrongPurpose = await issueEmailToken(prisma, person.id, purpose, TEST_NOW);
    expect(await spendEmailToken(prisma, wrongPurpose, other, TEST_NOW)).toBeUndefined();
    expect(await spendEmailToken(prisma, wrongPurpose, purpose, TEST_NOW)).toBe(person.id);
  });
});
