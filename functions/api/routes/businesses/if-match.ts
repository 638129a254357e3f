import { AppError } from "../../../errors/app-error.ts";

/**
 * The version an update is based on, from `If-Match: "<version>"`. Required: an update without
 * it could silently overwrite someone else's change.
 */
export function requiredIfMatchVersion(header: string | undefined): number {
  if (!header) throw new AppError("precondition_required", 'Send If-Match with the ETag you read, e.g. If-Match: "3".');
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim());
  if (!match) throw new AppError("bad_request", 'If-Match must be an ETag such as "3".');
  return Number(match[1]);
}
