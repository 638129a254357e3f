/**
 * Records ExitMatch must keep even when the person asks to be forgotten. Erasure anonymises
 * them instead of deleting them, and says so (docs/data-lifecycle.md).
 */
export const LEGAL_HOLDS = {
  financialRecords: {
    years: 6,
    reason: "UK financial records (HMRC): kept 6 years; the figures stay, the person is pseudonymous",
  },
  amlRecords: {
    years: 5,
    reason: "Money Laundering Regulations 2017: AML records kept 5 years after the relationship ends",
  },
  auditLogs: {
    years: 7,
    reason: "audit trail kept 7 years; it names people by id only, and personal values are redacted at write time",
  },
  contracts: {
    years: 6,
    reason: "NDA acceptance (version and time) is evidence of a contract: kept 6 years (Limitation Act 1980)",
  },
} as const;

export type LegalHold = keyof typeof LEGAL_HOLDS;

/** The date until which a hold of `years` keeps a record made at `from`. */
export function heldUntil(from: Date, years: number): Date {
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}
