import { MATCHABLE_STATUSES } from "./matching-rules.ts";

// Which profiles and listings may match at all, as SQL conditions on `p` (buyer_profiles),
// `u` (its user) and `b` (businesses): live profiles of active, not erased buyers; listings
// still for sale.

export const LIVE_BUYER_SQL = `p.deleted_at IS NULL AND u.deleted_at IS NULL AND u.status = 'ACTIVE'`;

const statuses = MATCHABLE_STATUSES.map((status) => `'${status}'`).join(", ");
export const MATCHABLE_LISTING_SQL = `b.deleted_at IS NULL AND b.status IN (${statuses})`;
