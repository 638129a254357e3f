// One-click unsubscribe as a use case: a forged link is refused with a sentence a person can
// read; a link of someone since erased does nothing; the change is recorded in the audit trail as
// the person's own, with the request it came from.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { unsubscribeKey } from "../../functions/config/app-config.ts";
import { unsubscribe } from "../../functions/notifications/unsubscribe.ts";
import { unsubscribeToken } from "../../functions/notifications/unsubscribe-token.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const key = unsubscribeKey(new TextEncoder().encode("a-server-secret-for-this-test-only-32-chars"));
const anonymous = () => ({
  requestId: randomUUID(),
  ipAddress: "203.0.113.9",
  userAgent: "mail client",
  receivedAt: TEST_NOW,
});
const deps = () => ({ prisma: seeded.deps.prisma, unsubscribeKey: key });

describe("unsubscribe", () => {
  it("refuses a link it did not sign", async () => {
    const person = await seeded.as(ACTORS.buyerWithNda);
    const forged = unsubscribeToken(
      unsubscribeKey(new TextEncoder().encode("x".repeat(40))),
      person.caller.id,
      "NEW_MATCHES",
    );
    await expect(unsubscribe(deps(), { token: forged }, anonymous())).rejects.toMatchObject({
      code: "token_invalid",
      message: "This unsubscribe link is not valid.",
    });
  });

  it("turns the topic off as the person's own change, recorded with the request", async () => {
    const person = await seeded.as(ACTORS.buyerWithoutNda);
    const request = anonymous();
    const result = await unsubscribe(
      deps(),
      { token: unsubscribeToken(key, person.caller.id, "NEW_MATCHES") },
      request,
    );
    expect(result).toEqual({ scope: "NEW_MATCHES", topicsTurnedOff: ["NEW_MATCHES"] });
    const preference = await seeded.db.prisma.notificationPreference.findFirstOrThrow({
      where: { userId: person.caller.id, topic: "NEW_MATCHES" },
    });
    expect(preference.delivery).toBe("OFF");
    const audit = await seeded.db.prisma.auditLog.findMany({
      where: { tableName: "notification_preferences", rowId: preference.id },
    });
    expect(audit.map((row) => [row.actorUserId, row.requestId])).toEqual([[person.caller.id, request.requestId]]);
  });

  it("does nothing for a person since erased, and says nothing was turned off", async () => {
    const person = await seeded.as(ACTORS.otherSeller);
    await seeded.db.prisma.notificationPreference.create({
      data: { userId: person.caller.id, topic: "NEW_MATCHES", delivery: "DAILY_DIGEST", updatedAt: TEST_NOW },
    });
    await seeded.db.prisma.user.update({ where: { id: person.caller.id }, data: { deletedAt: TEST_NOW } });
    const result = await unsubscribe(
      deps(),
      { token: unsubscribeToken(key, person.caller.id, "DAILY_DIGEST") },
      anonymous(),
    );
    expect(result).toEqual({ scope: "DAILY_DIGEST", topicsTurnedOff: [] });
    const preferences = await seeded.db.prisma.notificationPreference.findMany({ where: { userId: person.caller.id } });
    expect(preferences.map((preference) => [preference.topic, preference.delivery])).toEqual([
      ["NEW_MATCHES", "DAILY_DIGEST"],
    ]);
  });
});
