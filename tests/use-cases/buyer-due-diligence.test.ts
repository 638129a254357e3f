// Customer due diligence on buyers (issue 28, section 4): admins record it, renew it, and read it;
// it is for buyers only, dated no later than now.
import { describe, expect, it } from "vitest";
import { getBuyerDueDiligence } from "../../functions/admin/get-buyer-due-diligence.ts";
import { recordBuyerDueDiligence } from "../../functions/admin/record-buyer-due-diligence.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { ACTORS } from "../support/seed-actors.ts";
import { TEST_NOW } from "../support/test-clock.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const record = {
  identityMethod: "IN_PERSON" as const,
  identityCheckedAt: new Date(TEST_NOW.getTime() - 3_600_000),
  sourceOfFunds: "  Completion statement from the sale of a previous company  ",
  riskRating: "LOW" as const,
};

describe("buyer due diligence", () => {
  it("replaces the buyer's record, trimmed and signed by the admin who recorded it", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const userId = stableId("buyer-1");
    const saved = await runForRequest(admin, () => recordBuyerDueDiligence(seeded.deps, { userId, record }, admin));
    expect(saved).toMatchObject({
      buyerId: userId,
      identityMethod: "IN_PERSON",
      identityCheckedAt: record.identityCheckedAt,
      sourceOfFunds: "Completion statement from the sale of a previous company",
      riskRating: "LOW",
      recordedById: admin.caller.id,
    });
    // One record per buyer: the seed's was replaced, not joined.
    expect(await seeded.db.prisma.buyerDueDiligence.count({ where: { buyerId: userId } })).toBe(1);
    const read = await runForRequest(admin, () => getBuyerDueDiligence(seeded.deps, { userId }, admin));
    expect(read.id).toBe(saved.id);
  });

  it("accepts a check made now and refuses one dated after now, naming the field", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const userId = stableId("buyer-2");
    const now = await runForRequest(admin, () =>
      recordBuyerDueDiligence(seeded.deps, { userId, record: { ...record, identityCheckedAt: TEST_NOW } }, admin),
    );
    expect(now.identityCheckedAt).toEqual(TEST_NOW);
    const later = new Date(TEST_NOW.getTime() + 1);
    const refused = await attempt(admin, () =>
      recordBuyerDueDiligence(seeded.deps, { userId, record: { ...record, identityCheckedAt: later } }, admin),
    );
    expect(refused).toMatchObject({
      code: "validation_failed",
      extras: { fields: [{ field: "identityCheckedAt", message: "cannot be in the future" }] },
    });
  });

  it("is for buyers only, and a buyer without one reads as not found", async () => {
    const admin = await seeded.as(ACTORS.admin);
    const seller = stableId("seller-1");
    const onSeller = await attempt(admin, () =>
      recordBuyerDueDiligence(seeded.deps, { userId: seller, record }, admin),
    );
    expect(onSeller).toMatchObject({ code: "bad_request", message: "Due diligence is recorded on buyers." });
    await seeded.db.prisma.buyerDueDiligence.delete({ where: { buyerId: stableId("buyer-3") } });
    const none = await attempt(admin, () => getBuyerDueDiligence(seeded.deps, { userId: stableId("buyer-3") }, admin));
    expect(none).toMatchObject({ code: "not_found", message: "No due diligence is recorded for this buyer." });
    const nobody = await attempt(admin, () =>
      getBuyerDueDiligence(seeded.deps, { userId: "00000000-0000-4000-8000-000000000000" }, admin),
    );
    expect(codeOf(nobody)).toBe("not_found");
  });
});
