import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

/** Advisor profiles are for advisors: forbidden for everyone else. */
export function requireAdvisor(caller: Caller) {
  if (caller.role !== "ADVISOR") throw new AppError("forbidden", "Only advisors keep advisor profiles.");
}
