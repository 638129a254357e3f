// The modules `npm run test:mutation` mutates, each with the test files that exercise it.
//
// A module is listed with its own tests only: a mutant counts as killed when one of these
// files fails, so a rule guarded only by some distant test shows up as a survivor here.

export interface MutationModule {
  /** Short name for --module and the report (the path under functions/, without .ts). */
  name: string;
  /** The file Stryker mutates. */
  file: string;
  /** The test files run against each mutant. */
  tests: string[];
}

function mutationModule(name: string, tests: string[]): MutationModule {
  return { name, file: `functions/${name}.ts`, tests };
}

export const MUTATION_MODULES: MutationModule[] = [
  mutationModule("ops/backup-rotation", ["tests/ops/backup-rotation.test.ts"]),
  mutationModule("domain/sic-hierarchy", ["tests/domain/sic-hierarchy.test.ts"]),
  mutationModule("listings/search-query", [
    "tests/listings/search-query.test.ts",
    "tests/api/businesses.test.ts",
    "tests/api/business-search.test.ts",
    "tests/api/listing-full-text-search.test.ts",
  ]),
  mutationModule("domain/business-status", ["tests/domain/business-status.test.ts", "tests/api/businesses.test.ts"]),
  mutationModule("domain/inquiry-status", ["tests/domain/inquiry-status.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("crypto/field-cipher", ["tests/crypto/field-cipher.test.ts"]),
  mutationModule("listings/listing-access", [
    "tests/listings/listing-access.test.ts",
    "tests/api/listing-access.test.ts",
    "tests/api/authorization-matrix.test.ts",
    "tests/api/businesses.test.ts",
    "tests/api/inquiries.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("deal-rooms/deal-room-access", [
    "tests/api/deal-rooms.test.ts",
    "tests/api/authorization-matrix.test.ts",
  ]),
  mutationModule("auth/login-throttle", ["tests/auth/login-throttle.test.ts", "tests/api/auth.test.ts"]),
  mutationModule("db/soft-delete", ["tests/db/soft-delete.test.ts"]),
  mutationModule("retention/retention-jobs", [
    "tests/retention/retention-jobs.test.ts",
    "tests/retention/retention-rules.test.ts",
  ]),
  mutationModule("gdpr/erase-person", ["tests/api/gdpr.test.ts", "tests/gdpr/erase-person.test.ts"]),
  mutationModule("inquiries/send-inquiry", ["tests/use-cases/inquiries.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("inquiries/respond-to-inquiry", ["tests/use-cases/inquiries.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("inquiries/accept-nda", ["tests/use-cases/inquiries.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("listings/change-listing-status", [
    "tests/use-cases/listings.test.ts",
    "tests/api/businesses.test.ts",
  ]),
  mutationModule("listings/update-listing", ["tests/use-cases/listings.test.ts", "tests/api/businesses.test.ts"]),
  mutationModule("listings/view-listing", ["tests/use-cases/listings.test.ts", "tests/api/listing-access.test.ts"]),
  mutationModule("deal-rooms/upload-document", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/add-member", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("financials/correct-financial-year", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("api/routes/define-route", ["tests/architecture/documented-problems.test.ts"]),
  mutationModule("notifications/unsubscribe-token", ["tests/notifications/unsubscribe-token.test.ts"]),
  mutationModule("notifications/notify", [
    "tests/notifications/daily-digest.test.ts",
    "tests/notifications/notifications.test.ts",
  ]),
  mutationModule("notifications/send-daily-digests", [
    "tests/notifications/daily-digest.test.ts",
    "tests/notifications/notifications.test.ts",
  ]),
  mutationModule("notifications/remind-pending-inquiries", ["tests/notifications/seller-responsiveness.test.ts"]),
  mutationModule("listings/seller-responsiveness", ["tests/notifications/seller-responsiveness.test.ts"]),
  mutationModule("saved-searches/alert-saved-searches", ["tests/saved-searches/saved-searches.test.ts"]),
  // The outbox and personal data (first scored with issue 27).
  mutationModule("outbox/leased-claims", [
    "tests/outbox/dispatch-outbox.test.ts",
    "tests/events/dispatch-events.test.ts",
  ]),
  mutationModule("outbox/enqueue-message", ["tests/outbox/dispatch-outbox.test.ts"]),
  mutationModule("outbox/dispatch-outbox", ["tests/outbox/dispatch-outbox.test.ts"]),
  mutationModule("gdpr/request-erasure", [
    "tests/gdpr/gdpr-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/gdpr.test.ts",
  ]),
  mutationModule("gdpr/erase-user-now", [
    "tests/gdpr/gdpr-use-cases.test.ts",
    "tests/api/gdpr.test.ts",
    "tests/gdpr/erase-person.test.ts",
  ]),
  mutationModule("gdpr/export-personal-data", [
    "tests/gdpr/gdpr-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/gdpr.test.ts",
  ]),
  mutationModule("gdpr/legal-holds", ["tests/gdpr/legal-holds.test.ts", "tests/gdpr/erase-person.test.ts"]),
  // Deal rooms (first scored with issue 27).
  mutationModule("deal-rooms/revoke-member", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/get-deal-room", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/list-deal-rooms", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/view-document", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/ask-question", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/document-rules", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("gdpr/export-person", ["tests/gdpr/export-person.test.ts", "tests/api/gdpr.test.ts"]),
  mutationModule("gdpr/personal-data", ["tests/previews/mask-personal-data.test.ts", "tests/api/gdpr.test.ts"]),
  mutationModule("retention/run-all-retention-jobs", ["tests/retention/retention-jobs.test.ts"]),
  mutationModule("crypto/field-keyring", [
    "tests/crypto/field-keyring.test.ts",
    "tests/crypto/field-cipher.test.ts",
    "tests/crypto/key-rotation.test.ts",
  ]),
  mutationModule("crypto/phone-number", ["tests/crypto/phone-number.test.ts", "tests/crypto/field-cipher.test.ts"]),
  mutationModule("crypto/rotate-field-keys", ["tests/crypto/key-rotation.test.ts"]),
  mutationModule("deal-rooms/list-documents", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/download-document", [
    "tests/use-cases/deal-rooms.test.ts",
    "tests/api/deal-rooms.test.ts",
  ]),
  mutationModule("deal-rooms/remove-document", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/answer-question", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("listings/create-listing", ["tests/use-cases/listings.test.ts", "tests/api/businesses.test.ts"]),
  mutationModule("listings/search-listings", ["tests/use-cases/listings.test.ts", "tests/api/business-search.test.ts"]),
  mutationModule("inquiries/inquiry-access", ["tests/use-cases/inquiries.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("inquiries/get-inquiry", ["tests/use-cases/inquiries.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("financials/remove-financial-year", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("accounts/request-registration", ["tests/api/auth.test.ts", "tests/api/account-discovery.test.ts"]),
  mutationModule("accounts/verify-email", ["tests/api/auth.test.ts"]),
  mutationModule("accounts/refresh-session", ["tests/api/auth.test.ts"]),
  mutationModule("accounts/get-my-account", ["tests/api/auth.test.ts"]),
  mutationModule("accounts/request-password-reset", ["tests/api/auth.test.ts", "tests/api/account-discovery.test.ts"]),
  mutationModule("accounts/confirm-password-reset", ["tests/api/auth.test.ts"]),
  mutationModule("admin/reinstate-user", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("admin/verify-user", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("matching/score-pairs", ["tests/matching/match-scoring.property.test.ts"]),
  mutationModule("matching/match-scoring-sql", ["tests/matching/match-scoring.property.test.ts"]),
  mutationModule("matching/store-matches-sql", ["tests/api/live-matching.test.ts"]),
  mutationModule("matching/recompute-listing-matches", ["tests/api/live-matching.test.ts"]),
  mutationModule("matching/recompute-profile-matches", ["tests/api/live-matching.test.ts"]),
  mutationModule("matching/explain-matches", [
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("advisors/save-advisor-profile", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("buyer-profiles/save-buyer-profile", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("buyer-profiles/get-buyer-profile", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("notifications/list-notifications", [
    "tests/notifications/list-and-mark-notifications.test.ts",
    "tests/notifications/notifications.test.ts",
  ]),
  mutationModule("notifications/mark-notifications-read", [
    "tests/notifications/list-and-mark-notifications.test.ts",
    "tests/notifications/notifications.test.ts",
  ]),
  mutationModule("notifications/get-notification-preferences", ["tests/notifications/notifications.test.ts"]),
  mutationModule("notifications/update-notification-preferences", ["tests/notifications/notifications.test.ts"]),
  mutationModule("notifications/unsubscribe", [
    "tests/notifications/unsubscribe.test.ts",
    "tests/notifications/notifications.test.ts",
  ]),
  mutationModule("saved-searches/saved-search-access", [
    "tests/saved-searches/saved-search-rules.test.ts",
    "tests/saved-searches/saved-searches.test.ts",
  ]),
  mutationModule("saved-searches/create-saved-search", [
    "tests/saved-searches/saved-search-rules.test.ts",
    "tests/saved-searches/saved-searches.test.ts",
  ]),
  mutationModule("saved-searches/get-saved-search", [
    "tests/saved-searches/saved-search-rules.test.ts",
    "tests/saved-searches/saved-searches.test.ts",
  ]),
  mutationModule("saved-searches/list-saved-searches", [
    "tests/saved-searches/saved-search-rules.test.ts",
    "tests/saved-searches/saved-searches.test.ts",
  ]),
  mutationModule("saved-searches/update-saved-search", [
    "tests/saved-searches/saved-search-rules.test.ts",
    "tests/saved-searches/saved-searches.test.ts",
  ]),
  mutationModule("deal-rooms/list-questions", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("deal-rooms/read-access-log", [
    "tests/use-cases/deal-room-access-log.test.ts",
    "tests/use-cases/deal-rooms.test.ts",
    "tests/api/deal-rooms.test.ts",
  ]),
  mutationModule("deal-rooms/export-access-log", [
    "tests/use-cases/deal-room-access-log.test.ts",
    "tests/api/access-log-export.test.ts",
  ]),
  mutationModule("deal-rooms/load-document", ["tests/use-cases/deal-rooms.test.ts", "tests/api/deal-rooms.test.ts"]),
  mutationModule("listings/delete-listing", ["tests/use-cases/listings.test.ts", "tests/api/businesses.test.ts"]),
  mutationModule("inquiries/list-inquiries", ["tests/use-cases/inquiries.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("financials/load-financial-year", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("financials/add-financial-year", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("financials/list-financials", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("valuations/value-listing", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("valuations/list-valuations", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("valuations/withdraw-valuation", [
    "tests/use-cases/figures.test.ts",
    "tests/api/financials-valuations.test.ts",
  ]),
  mutationModule("accounts/log-in", [
    "tests/accounts/log-in.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/auth.test.ts",
  ]),
  mutationModule("accounts/log-out", ["tests/accounts/log-out.test.ts", "tests/api/auth.test.ts"]),
  mutationModule("auth/access-token", ["tests/auth/access-token.test.ts", "tests/api/auth.test.ts"]),
  mutationModule("auth/email-tokens", ["tests/auth/email-tokens.test.ts", "tests/api/auth.test.ts"]),
  mutationModule("auth/sessions", ["tests/auth/sessions.test.ts", "tests/api/auth.test.ts"]),
  mutationModule("auth/find-signed-in-account", ["tests/auth/sessions.test.ts", "tests/api/auth.test.ts"]),
  mutationModule("rate-limits/attempt-reservations", [
    "tests/rate-limits/attempt-reservations.test.ts",
    "tests/auth/login-throttle.test.ts",
    "tests/api/auth.test.ts",
  ]),
  mutationModule("admin/load-user", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("admin/search-users", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("admin/suspend-user", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("admin/take-down-listing", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("admin/read-activity-log", [
    "tests/admin/admin-use-cases.test.ts",
    "tests/api/activity-log.test.ts",
    "tests/api/admin.test.ts",
  ]),
  mutationModule("admin/read-audit-trail", ["tests/admin/admin-use-cases.test.ts", "tests/api/admin.test.ts"]),
  mutationModule("matching/matching-rules", [
    "tests/matching/match-scoring.property.test.ts",
    "tests/api/live-matching.test.ts",
  ]),
  mutationModule("matching/match-candidates-sql", [
    "tests/matching/match-scoring.property.test.ts",
    "tests/api/live-matching.test.ts",
  ]),
  mutationModule("advisors/require-advisor", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("buyer-profiles/require-buyer", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("advisors/get-advisor-profile", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("advisors/list-advisors", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("advisors/assign-advisor", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("buyer-profiles/delete-buyer-profile", [
    "tests/advisors/advisor-and-profile-rules.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("matches/list-my-matches", [
    "tests/matches/list-my-matches.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("matches/list-interested-buyers", [
    "tests/matches/list-interested-buyers.test.ts",
    "tests/use-cases/people.test.ts",
    "tests/api/profiles-matches-advisors.test.ts",
  ]),
  mutationModule("saved-searches/delete-saved-search", [
    "tests/saved-searches/saved-search-rules.test.ts",
    "tests/saved-searches/saved-searches.test.ts",
  ]),
  // Deals (issue 28).
  mutationModule("domain/offer-terms-rules", ["tests/domain/offer-terms-rules.test.ts"]),
  mutationModule("domain/offer-status", ["tests/domain/offer-status.test.ts"]),
  mutationModule("domain/offer-board", ["tests/domain/offer-board.test.ts"]),
  mutationModule("domain/offer-terms-diff", ["tests/domain/offer-terms-diff.test.ts"]),
  mutationModule("domain/exclusivity-rules", ["tests/domain/exclusivity-rules.test.ts"]),
  mutationModule("domain/buyer-due-diligence-rules", ["tests/domain/buyer-due-diligence-rules.test.ts"]),
  mutationModule("domain/deal-status", ["tests/domain/deal-status.test.ts"]),
  mutationModule("domain/deal-comparables", ["tests/domain/deal-comparables.test.ts"]),
  mutationModule("domain/heads-of-terms-content", ["tests/domain/heads-of-terms-content.test.ts"]),
  // Deals (issue 28): offers, deals, due diligence.
  mutationModule("admin/get-buyer-due-diligence", ["tests/use-cases/buyer-due-diligence.test.ts"]),
  mutationModule("admin/record-buyer-due-diligence", [
    "tests/use-cases/buyer-due-diligence.test.ts",
    "tests/api/offers.test.ts",
  ]),
  mutationModule("domain/completion-rules", ["tests/domain/completion-rules.test.ts"]),
  mutationModule("offers/offer-access", ["tests/use-cases/offers.test.ts", "tests/api/offers.test.ts"]),
  mutationModule("offers/answerable-offer", [
    "tests/use-cases/offers.test.ts",
    "tests/use-cases/offer-answers.test.ts",
    "tests/api/offers.test.ts",
  ]),
  mutationModule("offers/make-offer", ["tests/use-cases/offers.test.ts", "tests/api/offers.test.ts"]),
  mutationModule("offers/counter-offer", ["tests/use-cases/offers.test.ts", "tests/api/offers.test.ts"]),
  mutationModule("offers/accept-offer", ["tests/use-cases/offers.test.ts", "tests/api/offers.test.ts"]),
  mutationModule("offers/reject-offer", [
    "tests/use-cases/offers.test.ts",
    "tests/use-cases/offer-answers.test.ts",
    "tests/api/offers.test.ts",
  ]),
  mutationModule("offers/withdraw-offer", [
    "tests/use-cases/offers.test.ts",
    "tests/use-cases/offer-answers.test.ts",
    "tests/api/offers.test.ts",
  ]),
  mutationModule("offers/get-offer", [
    "tests/use-cases/offers.test.ts",
    "tests/use-cases/offer-answers.test.ts",
    "tests/api/offers.test.ts",
  ]),
  mutationModule("offers/list-my-offers", ["tests/use-cases/offers.test.ts", "tests/api/offers.test.ts"]),
  mutationModule("offers/offer-board", ["tests/use-cases/offers.test.ts", "tests/api/offers.test.ts"]),
  mutationModule("deals/deal-access", ["tests/use-cases/deals.test.ts", "tests/api/deals.test.ts"]),
  mutationModule("deals/get-deal", ["tests/use-cases/deals.test.ts", "tests/api/deals.test.ts"]),
  mutationModule("deals/list-my-deals", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/deal-reads.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/download-heads-of-terms", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/deal-reads.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/sign-heads-of-terms", ["tests/use-cases/deals.test.ts", "tests/api/deals.test.ts"]),
  mutationModule("deals/extend-exclusivity", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/extension-and-completion.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/end-exclusivity-early", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/ending-deals.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/fall-through", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/ending-deals.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/record-completion", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/extension-and-completion.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/confirm-completion", [
    "tests/use-cases/deals.test.ts",
    "tests/deals/extension-and-completion.test.ts",
    "tests/api/deals.test.ts",
  ]),
  mutationModule("deals/export-deal-record", ["tests/deals/deal-record.test.ts"]),
];

/**
 * Business-rule modules with their tests, not yet held to the threshold by CI: each still
 * awaits a first run that scores 85% or more (`npm run test:mutation -- --pending`, or
 * `--module NAME`). Once it does, move it to MUTATION_MODULES and commit its report. Every run
 * lists them at its end, so CI's log shows what is left.
 */
export const PENDING_MODULES: MutationModule[] = [];

/**
 * Files the business-rule check (business-rule-files.ts) finds that are not mutated, each with
 * why: they decide nothing of their own.
 */
/** The reason given for a file of numeric constants only (checked by business-rule-modules.test.ts). */
export const CONSTANTS_ONLY = "numeric constants only, which Stryker does not mutate; their values are asserted by";

export const EXCLUDED_FROM_MUTATION: Record<string, string> = {
  "functions/auth/password.ts":
    "argon2id with fixed parameters behind a lazy import; the sign-in rules are accounts/log-in's",
  "functions/auth/secret-token.ts": "random bytes and a SHA-256 digest: nothing to decide",
  // Stryker has no mutator for numbers, so these make no mutants at all (a report of 0 mutants
  // "scoring" 100% would say nothing); the test named asserts every value (against the
  // data-lifecycle guide; through the reminders and response times buyers and sellers see).
  "functions/domain/retention-periods.ts": `${CONSTANTS_ONLY}: tests/domain/retention-periods.test.ts`,
  "functions/domain/seller-responsiveness-rules.ts": `${CONSTANTS_ONLY}: tests/notifications/seller-responsiveness.test.ts`,
};
