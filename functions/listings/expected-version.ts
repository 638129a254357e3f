import { AppError } from "../errors/app-error.ts";

/** Versions are 32-bit in the database; anything larger cannot be current. */
const MAX_VERSION = 2_147_483_647;

/**
 * The version an edit is based on, from the ETag the client sends back (`"3"`, or weak `W/"3"`).
 * Required: an edit without it could silently overwrite someone else's change.
 */
export function expectedVersion(etag: string | undefined): number {
  if (!etag) throw new AppError("precondition_required", 'Send If-Match with the ETag you read, e.g. If-Match: "3".');
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(etag.trim());
  if (!match) throw new AppError("bad_request", 'If-Match must be an ETag such as "3".');
  return Number(match[1]);
}

/** Whether a version could be a row's current one at all. */
export function isPossibleVersion(version: number): boolean {
  return version <= MAX_VERSION;
}
