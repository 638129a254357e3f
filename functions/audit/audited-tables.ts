/**
 * The tables whose every insert, update and delete PostgreSQL records in audit_logs (migration
 * audit_trail), and the tables deliberately left out, with why. A test checks both lists
 * against the database's triggers and tables, so a new table cannot be forgotten.
 */
export const AUDITED_TABLES = [
  "users",
  "buyer_profiles",
  "advisor_profiles",
  "businesses",
  "business_financials",
  "valuations",
  "inquiries",
  "deal_rooms",
  "deal_room_members",
  "documents",
  "deal_room_questions",
  "notification_preferences",
  "saved_searches",
  "offers",
  "offer_versions",
  "deals",
  "deal_signatures",
  "exclusivities",
  "buyer_due_diligence",
] as const;

export const UNAUDITED_TABLES: Record<string, string> = {
  sessions: "authentication state, not business data (logins are in the activity log)",
  user_tokens: "single-use secrets, not business data",
  idempotency_keys: "cached API responses",
  matches: "derived data, recomputed from audited profiles and listings",
  activity_logs: "a log itself, append-only and hash-chained of its own",
  activity_chain: "the activity log's chain head",
  audit_logs: "the audit trail itself",
  audit_chain: "the audit trail's chain head",
  retention_runs: "a log of retention jobs",
  rate_limit_hits: "throttle counters, pseudonymous and kept a day",
  outbox_messages: "a delivery queue; what caused each message is audited where it happened",
  outbox_events: "a queue of work after commit (ids only); what caused each event is audited where it happened",
  deal_comparables: "anonymised facts of completed deals; an audit row would tie each back to its deal",
  notifications: "a feed derived from audited changes (inquiries, deal rooms, listings, matches)",
  _prisma_migrations: "migration history, owned by Prisma",
};
