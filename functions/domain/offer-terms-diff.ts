import type { OfferTerms } from "./offer-terms-rules.ts";

/** One field that differs between two versions of an offer: `null` where a version has none. */
export interface TermChange {
  /** Its path, as the offer's fields and the API's field errors name it: "payment.deferred.0.amountPence". */
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

type Leaf = string | number | boolean | null;

/** Every value in `value` by its path; a field left out (undefined) is not there at all. */
function leaves(value: unknown, path: string, into: Map<string, Leaf>): Map<string, Leaf> {
  if (value === undefined) return into;
  if (value !== null && typeof value === "object") {
    // Arrays too: their entries are keyed by index ("conditions.1.kind").
    for (const [key, item] of Object.entries(value)) leaves(item, path === "" ? key : `${path}.${key}`, into);
    return into;
  }
  into.set(path, value as Leaf);
  return into;
}

/**
 * What changed from one version of an offer to the next (issue 28: "any version can be compared
 * with the one before it"): each field whose value differs, from what to what, in the order the
 * newer version lists its fields, then the fields it no longer has.
 */
export function offerTermsChanges(before: OfferTerms, after: OfferTerms): TermChange[] {
  const old = leaves(before, "", new Map());
  const current = leaves(after, "", new Map());
  const changes: TermChange[] = [];
  for (const [field, to] of current) {
    const from = old.has(field) ? old.get(field)! : null;
    if (from !== to) changes.push({ field, from, to });
  }
  for (const [field, from] of old) {
    if (!current.has(field) && from !== null) changes.push({ field, from, to: null });
  }
  return changes;
}
