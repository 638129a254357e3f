/**
 * How long ExitMatch keeps things, as the operations guide states (docs/data-lifecycle.md).
 * The retention jobs (functions/retention/retention-jobs.ts) apply them.
 */
/** A closed (soft-deleted) account is erased this many days after closing. */
export const USER_RETENTION_DAYS = 30;
/** A listing with no activity for this long is archived. */
export const LISTING_INACTIVITY_YEARS = 1;
/** Audit rows are purged after this many years. */
export const AUDIT_LOG_RETENTION_YEARS = 7;
/** Financial figures and valuations are purged this many years after the period they cover. */
export const FINANCIAL_RETENTION_YEARS = 6;
/**
 * Records that only matter for a short while (rate-limit hits, idempotency keys, ended sessions,
 * spent or expired e-mail tokens) are deleted this long after they stop mattering.
 */
export const EXPIRED_RECORD_GRACE_DAYS = 1;
/** Sent (or given-up) outbox messages are deleted this many days after they were queued. */
export const MESSAGE_RETENTION_DAYS = 30;
/**
 * Notifications (the in-app list) are deleted this many days after they were written: long
 * enough to look back over a deal's months, short enough not to keep a person's history forever.
 */
export const NOTIFICATION_RETENTION_DAYS = 180;
