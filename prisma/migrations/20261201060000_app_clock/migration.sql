-- Hand-written: row-level security decides deal-room access expiry by the application's clock.
--
-- Why: every decision that depends on the time takes "now" from one injectable place, the
-- application's clock (functions/clock/clock.ts). The documents policy compared
-- access_expires_at with the database's now(), so the API and the database could disagree about
-- whether a member's access had expired (a test with a fixed clock showed the room but hid its
-- documents). The application now sends its "now" with the other transaction-local settings
-- (exitmatch.now); without it (psql, a job that sets nothing) the database's own clock decides.
--
-- The audit trail's 7-year purge guard keeps the database's now(): the application must not be
-- able to age audit rows by claiming a later date.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- The application's "now" for this transaction, else the database's; a malformed value (only a
-- bug could send one) falls back to the database's clock rather than failing every query.
CREATE FUNCTION app_now() RETURNS timestamptz
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  value text := app_setting('exitmatch.now');
BEGIN
  IF value IS NULL THEN
    RETURN now();
  END IF;
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN now();
END $$;

ALTER POLICY documents_people_in_the_deal ON "documents"
  USING (
    app_is_privileged()
    OR EXISTS (SELECT 1 FROM "businesses" b
               WHERE b.id = "documents".business_id AND b.seller_id = app_user_id())
    OR EXISTS (SELECT 1 FROM "deal_room_members" m
               WHERE m.deal_room_id = "documents".deal_room_id
                 AND m.user_id = app_user_id()
                 AND m.revoked_at IS NULL
                 AND (m.access_expires_at IS NULL OR m.access_expires_at > app_now()))
  );
