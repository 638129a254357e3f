import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

/** Acquisition profiles are for buyers: forbidden for everyone else. */
export function requireBuyer(caller: Caller) {
  if (caller.role !== "BUYER") throw new AppError("forbidden", "Only buyers keep acquisition profiles.");
}
