-- Hand-written: lets the inquiry reminders (functions/notifications/remind-pending-inquiries.ts),
-- which run every minute, find the inquiries still pending since before a cut-off without
-- reading the whole table. CONCURRENTLY, alone in its file: writes go on meanwhile.
CREATE INDEX CONCURRENTLY "inquiries_pending_created_at_idx" ON "inquiries" ("created_at")
  WHERE status = 'PENDING' AND deleted_at IS NULL;
