import type { InquiryStatus } from "../../generated/prisma/enums.ts";

export type InquiryAction = "accept" | "decline" | "withdraw";

export interface InquiryTransition {
  /** The one party who may take the action. */
  by: "seller" | "buyer";
  /** The statuses it may be taken from. */
  from: readonly InquiryStatus[];
  to: InquiryStatus;
}

/**
 * Who may move an inquiry, and where to. Anything else is a 409 invalid_transition. A typed
 * table rather than `as const`: mutation testing leaves `as const` literals alone.
 */
export const INQUIRY_TRANSITIONS: Record<InquiryAction, InquiryTransition> = {
  accept: { by: "seller", from: ["PENDING"], to: "ACCEPTED" },
  decline: { by: "seller", from: ["PENDING"], to: "DECLINED" },
  withdraw: { by: "buyer", from: ["PENDING"], to: "WITHDRAWN" },
};

/** The NDA buyers accept now. A new text gets a new version; acceptances record the version. */
export const CURRENT_NDA_VERSION = "2026-01";
