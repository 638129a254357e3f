import { z } from "zod";

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
  "version_conflict",
  "precondition_required",
  "invalid_transition",
  "nda_required",
  "own_listing",
  "listing_not_open_for_offers",
  "listing_in_exclusivity",
  "offer_already_live",
  "offer_ended",
  "offer_frozen",
  "not_your_turn",
  "buyer_due_diligence_required",
  "deal_room_paused",
  "idempotency_key_reused",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal_error",
  "service_unavailable",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The HTTP statuses the application's errors map to (the HTTP layer renders them). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

const STATUS: Record<ErrorCode, ErrorStatus> = {
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
  version_conflict: 412,
  invalid_transition: 409,
  nda_required: 403,
  own_listing: 403,
  listing_not_open_for_offers: 409,
  listing_in_exclusivity: 409,
  offer_already_live: 409,
  offer_ended: 409,
  offer_frozen: 409,
  not_your_turn: 409,
  buyer_due_diligence_required: 409,
  deal_room_paused: 403,
  idempotency_key_reused: 422,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

export const ERROR_TITLES: Record<ErrorCode, string> = {
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
  version_conflict: "The resource changed since you read it",
  precondition_required: "This update needs an If-Match header",
  invalid_transition: "This status change is not allowed",
  nda_required: "An accepted inquiry and a signed NDA are needed first",
  own_listing: "You cannot make an offer on your own listing",
  listing_not_open_for_offers: "The listing is not taking offers",
  listing_in_exclusivity: "The seller is in exclusivity on this listing",
  offer_already_live: "You already have a live offer on this listing",
  offer_ended: "The offer has ended",
  offer_frozen: "The offer is on hold",
  not_your_turn: "It is the other side's turn to answer",
  buyer_due_diligence_required: "The buyer's due diligence must be recorded first",
  deal_room_paused: "This deal room is paused while the seller is in exclusivity",
  idempotency_key_reused: "The Idempotency-Key was used with a different request",
  payload_too_large: "The request body is too large",
  unsupported_media_type: "Unsupported content type",
  rate_limited: "Too many requests",
  internal_error: "Something went wrong on our side",
  service_unavailable: "The service is briefly unavailable; try again shortly",
};

/** The HTTP status an error code is rendered with. */
export function errorStatus(code: ErrorCode): ErrorStatus {
  return STATUS[code];
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one exception type the application throws for a failure its caller should hear about.
 * Use cases throw it; the HTTP layer (functions/api/errors.ts) renders it as problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extras: { fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? ERROR_TITLES[code]);
    this.name = "AppError";
  }

  get status(): ErrorStatus {
    return errorStatus(this.code);
  }
}
