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
  mutationModule("listings/search-query", ["tests/api/businesses.test.ts", "tests/api/business-search.test.ts"]),
  mutationModule("domain/business-status", ["tests/domain/business-status.test.ts", "tests/api/businesses.test.ts"]),
  mutationModule("domain/inquiry-status", ["tests/domain/inquiry-status.test.ts", "tests/api/inquiries.test.ts"]),
  mutationModule("crypto/field-cipher", ["tests/crypto/field-cipher.test.ts"]),
  mutationModule("listings/listing-access", [
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
  mutationModule("notifications/notify", ["tests/notifications/notifications.test.ts"]),
  mutationModule("notifications/send-daily-digests", ["tests/notifications/notifications.test.ts"]),
  mutationModule("notifications/remind-pending-inquiries", ["tests/notifications/seller-responsiveness.test.ts"]),
  mutationModule("listings/seller-responsiveness", ["tests/notifications/seller-responsiveness.test.ts"]),
  mutationModule("saved-searches/alert-saved-searches", ["tests/saved-searches/saved-searches.test.ts"]),
];
