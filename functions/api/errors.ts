import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Prisma } from "../../generated/prisma/client.ts";
import { classifyDatabaseError, type DatabaseFailure } from "../db/database-errors.ts";
import { SoftDeleteError } from "../db/soft-delete.ts";

/** Every failure the API reports has one of these stable codes; clients switch on them. */
export const ErrorCode = z.enum([
  "bad_request",
  "validation_failed",
  "unauthorized",
  "invalid_credentials",
  "token_invalid",
  "refresh_token_reused",
  "forbidden",
  "account_suspended",
  "not_found",
  "conflict",
  "email_taken",
  "version_conflict",
  "precondition_required",
  "invalid_transition",
  "idempotency_key_reused",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal_error",
  "service_unavailable",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  token_invalid: 401,
  refresh_token_reused: 401,
  forbidden: 403,
  account_suspended: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  version_conflict: 412,
  invalid_transition: 409,
  idempotency_key_reused: 422,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

const TITLES: Record<ErrorCode, string> = {
  bad_request: "The request is malformed",
  validation_failed: "The request is not valid",
  unauthorized: "Authentication is required",
  invalid_credentials: "Email or password is wrong",
  token_invalid: "The token is invalid or expired",
  refresh_token_reused: "The refresh token was already used; the session is revoked",
  forbidden: "You are not allowed to do this",
  account_suspended: "This account is suspended",
  not_found: "Not found",
  conflict: "The request conflicts with the current state",
  email_taken: "An account with this email already exists",
  version_conflict: "The resource changed since you read it",
  precondition_required: "This update needs an If-Match header",
  invalid_transition: "This status change is not allowed",
  idempotency_key_reused: "The Idempotency-Key was used with a different request",
  payload_too_large: "The request body is too large",
  unsupported_media_type: "Unsupported content type",
  rate_limited: "Too many requests",
  internal_error: "Something went wrong on our side",
  service_unavailable: "The service is briefly unavailable; try again shortly",
};

export interface FieldError {
  field: string;
  message: string;
}

/** The one exception type handlers throw; the error handler turns it into problem+json. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extras: { fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = "ApiError";
  }

  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

/** The RFC 9457 body every error response carries. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: ErrorCode,
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

export function problemResponse(c: Context, error: ApiError): Response {
  const body = {
    type: `https://docs.exitmatch.co.uk/errors/${error.code}`,
    title: TITLES[error.code],
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    instance: c.req.path,
    requestId: c.get("requestId") as string | undefined,
    ...(error.extras.fields ? { errors: error.extras.fields } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...error.extras.headers },
  });
}

export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
}

/** How long a client should wait before retrying after an outage (the database restarting). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Database failures a client can cause or can retry, in the API's own words (never PostgreSQL's). */
const DATABASE_FAILURES: Record<DatabaseFailure, () => ApiError> = {
  unavailable: () =>
    new ApiError("service_unavailable", "The database is unavailable; try again shortly.", {
      headers: { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
    }),
  overloaded: () =>
    new ApiError("service_unavailable", "The service is busy; try again shortly.", {
      headers: { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
    }),
  unique_violation: () => new ApiError("conflict", "A record with these values already exists."),
  foreign_key_violation: () => new ApiError("conflict", "A referenced record does not exist."),
  rule_violation: () => new ApiError("bad_request", "A value in the request breaks a rule of the data."),
  invalid_data: () => new ApiError("bad_request", "A value in the request cannot be stored."),
  write_conflict: () => new ApiError("conflict", "A concurrent change got in the way; send the request again."),
};

const SOFT_DELETE_FAILURES: Record<SoftDeleteError["code"], ErrorCode> = {
  // Of two concurrent deletes, the second finds the row already gone: for it, it does not exist.
  not_found: "not_found",
  already_deleted: "not_found",
  not_deleted: "conflict",
  invalid_id: "validation_failed",
  unknown_model: "internal_error",
};

/**
 * Maps anything thrown to an ApiError. Client mistakes are never 500s: malformed JSON, bodies
 * over the limit, constraint violations and rows that vanished all get their own codes; an
 * unreachable or restarting database is a 503 with Retry-After. Only our own bugs are 500s.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) {
    return new ApiError("validation_failed", undefined, { fields: fieldErrorsFromZod(error) });
  }
  if (error instanceof HTTPException && error.status < 500) {
    const byStatus: Partial<Record<number, ErrorCode>> = {
      401: "unauthorized",
      403: "forbidden",
      404: "not_found",
      413: "payload_too_large",
      415: "unsupported_media_type",
    };
    return new ApiError(byStatus[error.status] ?? "bad_request", error.message || undefined);
  }
  if (error instanceof SyntaxError) return new ApiError("bad_request", "The body is not valid JSON.");
  if (error instanceof SoftDeleteError) {
    const code = SOFT_DELETE_FAILURES[error.code];
    return new ApiError(code, code === "internal_error" ? undefined : error.message);
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return new ApiError("not_found");
  const failure = classifyDatabaseError(error);
  if (failure) return DATABASE_FAILURES[failure]();
  return new ApiError("internal_error");
}
