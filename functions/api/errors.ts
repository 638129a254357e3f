import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { Prisma } from "../../generated/prisma/client.ts";
import { classifyDatabaseError, type DatabaseFailure } from "../db/database-errors.ts";
import { SoftDeleteError } from "../db/soft-delete.ts";
import { AppError, ERROR_TITLES, ErrorCode, type FieldError } from "../errors/app-error.ts";

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

export function problemResponse(c: Context, error: AppError): Response {
  const body = {
    type: `https://docs.exitmatch.co.uk/errors/${error.code}`,
    title: ERROR_TITLES[error.code],
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
const DATABASE_FAILURES: Record<DatabaseFailure, () => AppError> = {
  unavailable: () =>
    new AppError("service_unavailable", "The database is unavailable; try again shortly.", {
      headers: { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
    }),
  overloaded: () =>
    new AppError("service_unavailable", "The service is busy; try again shortly.", {
      headers: { "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS) },
    }),
  unique_violation: () => new AppError("conflict", "A record with these values already exists."),
  foreign_key_violation: () => new AppError("conflict", "A referenced record does not exist."),
  rule_violation: () => new AppError("bad_request", "A value in the request breaks a rule of the data."),
  invalid_data: () => new AppError("bad_request", "A value in the request cannot be stored."),
  write_conflict: () => new AppError("conflict", "A concurrent change got in the way; send the request again."),
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
 * Maps anything thrown to an AppError. Client mistakes are never 500s: malformed JSON, bodies
 * over the limit, constraint violations and rows that vanished all get their own codes; an
 * unreachable or restarting database is a 503 with Retry-After. Only our own bugs are 500s.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("validation_failed", undefined, { fields: fieldErrorsFromZod(error) });
  }
  if (error instanceof HTTPException && error.status < 500) {
    const byStatus: Partial<Record<number, ErrorCode>> = {
      401: "unauthorized",
      403: "forbidden",
      404: "not_found",
      413: "payload_too_large",
      415: "unsupported_media_type",
    };
    return new AppError(byStatus[error.status] ?? "bad_request", error.message || undefined);
  }
  if (error instanceof SyntaxError) return new AppError("bad_request", "The body is not valid JSON.");
  if (error instanceof SoftDeleteError) {
    const code = SOFT_DELETE_FAILURES[error.code];
    return new AppError(code, code === "internal_error" ? undefined : error.message);
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return new AppError("not_found");
  const failure = classifyDatabaseError(error);
  if (failure) return DATABASE_FAILURES[failure]();
  return new AppError("internal_error");
}
