// An offer's negotiation turn by turn (issue 28): who may accept, counter, reject or withdraw,
// when an offer has expired by itself, and what a frozen offer allows; every refusal says why in
// words about this offer's two parties only.
import { describe, expect, it } from "vitest";
import {
  currentStatus,
  isLive,
  LIVE_OFFER_STATUSES,
  type OfferAction,
  type OfferSide,
  type OfferStatus,
  offerActionRefusal,
  statusAfter,
  whoseTurn,
} from "../../functions/domain/offer-status.ts";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const OPEN_UNTIL = new Date("2026-12-02T12:00:00.000Z");
const ACTIONS: OfferAction[] = ["ACCEPT", "COUNTER", "REJECT", "WITHDRAW"];
const SIDES: OfferSide[] = ["BUYER", "SELLER"];
const ENDED: OfferStatus[] = ["ACCEPTED", "REJECTED", "WITHDRAWN", "EXPIRED"];
const offer = (status: OfferStatus, extra: Partial<{ openUntil: Date; frozen: boolean }> = {}) => ({
  status,
  openUntil: OPEN_UNTIL,
  frozen: false,
  ...extra,
});

describe("offer status", () => {
  it("is live, with a side to answer, only while awaiting the seller or the buyer", () => {
    expect(LIVE_OFFER_STATUSES).toEqual(["AWAITING_SELLER", "AWAITING_BUYER"]);
    expect([...LIVE_OFFER_STATUSES, ...ENDED].map((status) => [isLive(status), whoseTurn(status)])).toEqual([
      [true, "SELLER"],
      [true, "BUYER"],
      [false, null],
      [false, null],
      [false, null],
      [false, null],
    ]);
  });

  it("ends on accepting, rejecting or withdrawing, and hands the turn over on a counter", () => {
    for (const side of SIDES) {
      expect(statusAfter("ACCEPT", side)).toBe("ACCEPTED");
      expect(statusAfter("REJECT", side)).toBe("REJECTED");
      expect(statusAfter("WITHDRAW", side)).toBe("WITHDRAWN");
    }
    expect(statusAfter("COUNTER", "SELLER")).toBe("AWAITING_BUYER");
    expect(statusAfter("COUNTER", "BUYER")).toBe("AWAITING_SELLER");
  });

  it("has expired from its open-until time on, if still live then", () => {
    const at = (time: Date, status: OfferStatus = "AWAITING_SELLER") => currentStatus(offer(status), time);
    expect(at(new Date(OPEN_UNTIL.getTime() - 1))).toBe("AWAITING_SELLER");
    expect(at(OPEN_UNTIL)).toBe("EXPIRED");
    expect(at(new Date(OPEN_UNTIL.getTime() + 1), "AWAITING_BUYER")).toBe("EXPIRED");
    expect(at(new Date(OPEN_UNTIL.getTime() + 1), "ACCEPTED")).toBe("ACCEPTED");
  });
});

describe("offerActionRefusal", () => {
  it("lets only the side whose turn it is accept, counter or reject", () => {
    for (const [status, turn, other] of [
      ["AWAITING_SELLER", "SELLER", "BUYER"],
      ["AWAITING_BUYER", "BUYER", "SELLER"],
    ] as const) {
      for (const action of ["ACCEPT", "COUNTER", "REJECT"] as const) {
        expect(offerActionRefusal(offer(status), action, turn, NOW)).toBeNull();
        expect(offerActionRefusal(offer(status), action, other, NOW)).toEqual({
          reason: "not_your_turn",
          message: `It is the ${turn.toLowerCase()}'s turn to answer this offer.`,
        });
      }
    }
  });

  it("lets the buyer withdraw a live offer whoever's turn it is, frozen or not, and nobody else", () => {
    for (const status of LIVE_OFFER_STATUSES) {
      for (const frozen of [false, true]) {
        expect(offerActionRefusal(offer(status, { frozen }), "WITHDRAW", "BUYER", NOW)).toBeNull();
        expect(offerActionRefusal(offer(status, { frozen }), "WITHDRAW", "SELLER", NOW)).toEqual({
          reason: "buyer_only",
          message: "Only the buyer can withdraw an offer.",
        });
      }
    }
  });

  it("answers nothing on a frozen offer, saying why without naming anyone", () => {
    for (const action of ["ACCEPT", "COUNTER", "REJECT"] as const) {
      expect(offerActionRefusal(offer("AWAITING_SELLER", { frozen: true }), action, "SELLER", NOW)).toEqual({
        reason: "frozen",
        message: "The seller is committed to another offer on this listing; this offer can be answered if that ends.",
      });
    }
  });

  it("refuses everything once the offer has ended, saying how it ended", () => {
    const messages: Record<string, string> = {
      ACCEPTED: "The offer has been accepted.",
      REJECTED: "The offer has been rejected.",
      WITHDRAWN: "The offer has been withdrawn.",
      EXPIRED: "The offer has expired.",
    };
    for (const status of ENDED) {
      for (const action of ACTIONS) {
        for (const side of SIDES) {
          expect(offerActionRefusal(offer(status, { frozen: true }), action, side, NOW)).toEqual({
            reason: "ended",
            message: messages[status],
          });
        }
      }
    }
    // Live as stored, but past its open-until time: expired, even for the side whose turn it was.
    expect(offerActionRefusal(offer("AWAITING_SELLER"), "ACCEPT", "SELLER", OPEN_UNTIL)).toEqual({
      reason: "ended",
      message: "The offer has expired.",
    });
    expect(offerActionRefusal(offer("AWAITING_BUYER"), "WITHDRAW", "BUYER", OPEN_UNTIL)?.reason).toBe("ended");
  });
});
