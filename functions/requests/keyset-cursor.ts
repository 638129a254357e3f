import { AppError } from "../errors/app-error.ts";

/**
 * An opaque page cursor for keyset pagination: the sort key values of the last item of a page,
 * base64url-encoded. Clients pass it back unchanged; the list reads it with its own checks.
 */
export function encodeKeysetCursor(values: readonly string[]): string {
  return Buffer.from(values.join("|")).toString("base64url");
}

/**
 * The values of a cursor from encodeKeysetCursor, once `accept` (the list's own check of each
 * value) takes them; anything else is the client's mistake, a 400 naming the cursor.
 */
export function decodeKeysetCursor<T>(cursor: string, accept: (values: string[]) => T | null): T {
  const accepted = accept(Buffer.from(cursor, "base64url").toString().split("|"));
  if (accepted === null) {
    throw new AppError("validation_failed", "The cursor is not one this API gave out.", {
      fields: [{ field: "cursor", message: "not a cursor from a previous page" }],
    });
  }
  return accepted;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `value` is a lower-case uuid, as ids in cursors are. */
export const isUuid = (value: string | undefined): value is string => UUID.test(value ?? "");
