import type { InquiryStatus } from "../../generated/prisma/enums.ts";

/** Who may move an inquiry, and where to. Anything else is a 409 invalid_transition. */
export const INQUIRY_TRANSITIONS = {
  accept: { by: "seller", from: ["PENDING"], to: "ACCEPTED" },
  decline: { by: "seller", from: ["PENDING"], to: "DECLINED" },
  withdraw: { by: "buyer", from: ["PENDING"], to: "WITHDRAWN" },
} as const satisfies Record<string, { by: "seller" | "buyer"; from: readonly InquiryStatus[]; to: InquiryStatus }>;

export type InquiryAction = keyof typeof INQUIRY_TRANSITIONS;

/** The NDA buyers accept now. A new text gets a new version; acceptances record the version. */
export const CURRENT_NDA_VERSION = "2026-01";
