import {
  FUNDING_POINTS,
  CRITERION_POINTS as POINTS,
  PRICE_OVER_BUDGET_TO_ZERO,
  SECTOR_POINTS_BY_DIGITS,
  SHORTFALL_TO_ZERO,
} from "./matching-rules.ts";

// The scoring engine, as SQL, so that one listing against every buyer profile (or one profile
// against every listing) is one set-based statement. It reads a buyer profile as `p` and a
// listing as `b` (the columns of buyer_profiles and businesses) and, joined in as
//   CROSS JOIN LATERAL (<MATCH_SCORING_SQL>) m
// gives `m.score` (0 to 100) and `m.breakdown` (one entry per criterion: points, maximum and a
// plain-English reason; `m.score` is their sum). MATCH_POINTS_SQL gives the score alone, for
// recomputing; the reasons are built when matches are read (explain-matches.ts), for the page
// shown. The rules and their numbers: matching-rules.ts.

const pounds = (column: string) => `'£' || to_char(${column} / 100, 'FM999,999,999,999,990')`;
const percent = (fraction: string) => `round(100 * ${fraction})::bigint || '%'`;

/** Points for a figure that should reach `minimum`, lost linearly to 0 at SHORTFALL_TO_ZERO below. */
const graded = (points: number, figure: string, minimum: string) =>
  `CASE WHEN ${figure} >= ${minimum} THEN ${points}
        WHEN ${minimum} <= 0 THEN 0
        ELSE greatest(0, round(${points} * (1 - ((${minimum} - ${figure})::numeric / ${minimum}) / ${SHORTFALL_TO_ZERO})))::int
   END`;

const shortfall = (figure: string, minimum: string) =>
  `CASE WHEN ${minimum} > 0 THEN ' (' || ${percent(`(${minimum} - ${figure})::numeric / ${minimum}`)} || ' short)' ELSE '' END`;

/** The depth (2 to 5 digits) of the deepest wanted code the listing's SIC code starts with, else NULL. */
const DEEPEST_WANTED_DEPTH = `
  CASE WHEN b.sic_code = ANY(p.sic_codes) THEN length(b.sic_code)
       WHEN left(b.sic_code, 4) = ANY(p.sic_codes) THEN 4
       WHEN left(b.sic_code, 3) = ANY(p.sic_codes) THEN 3
       WHEN left(b.sic_code, 2) = ANY(p.sic_codes) THEN 2
  END`;

const SECTOR = `
  SELECT
    CASE WHEN cardinality(p.sic_codes) = 0 THEN ${POINTS.sector}
         WHEN best.depth IS NULL THEN 0
         ELSE (ARRAY[0, ${SECTOR_POINTS_BY_DIGITS[2]}, ${SECTOR_POINTS_BY_DIGITS[3]}, ${SECTOR_POINTS_BY_DIGITS[4]}, ${SECTOR_POINTS_BY_DIGITS[5]}])[best.depth]
    END AS points,
    CASE WHEN cardinality(p.sic_codes) = 0 THEN 'Open to any sector'
         WHEN best.depth IS NULL THEN 'SIC ' || b.sic_code || ' is outside the sectors wanted'
         ELSE 'SIC ' || b.sic_code || ' is in the wanted SIC ' ||
              (ARRAY['', 'division', 'group', 'class', 'subclass'])[best.depth] || ' ' || left(b.sic_code, best.depth)
    END AS reason
  FROM (
    -- The deepest of the buyer's codes the listing falls inside, whatever their order: a wanted
    -- code contains the listing only if it is one of the listing code's own prefixes.
    SELECT ${DEEPEST_WANTED_DEPTH} AS depth
  ) best`;

/**
 * The prefixes of listing `b`'s SIC code at every level (division, group, class, subclass): a
 * buyer wants the listing's sector only if one of their codes is among them. The expression of
 * the index businesses_sic_prefixes_idx: keep the two the same, or the planner cannot use it.
 */
export const LISTING_SIC_PREFIXES_SQL = `ARRAY[left(b.sic_code, 2), left(b.sic_code, 3), left(b.sic_code, 4), b.sic_code]`;

const REGION = `
  SELECT
    CASE WHEN cardinality(p.regions) = 0 OR b.region = ANY(p.regions) THEN ${POINTS.region} ELSE 0 END AS points,
    CASE WHEN cardinality(p.regions) = 0 THEN 'Open to any region'
         WHEN b.region = ANY(p.regions) THEN 'In ' || name || ', a wanted region'
         ELSE 'In ' || name || ', not a wanted region'
    END AS reason
  FROM (SELECT initcap(replace(lower(b.region::text), '_', ' ')) AS name) region`;

const PRICE = `
  SELECT
    CASE WHEN p.max_price_pence IS NOT NULL AND b.asking_price_pence > p.max_price_pence THEN
           greatest(0, round(${POINTS.price} * (1 - over / ${PRICE_OVER_BUDGET_TO_ZERO})))::int
         WHEN p.min_price_pence IS NOT NULL AND b.asking_price_pence < p.min_price_pence THEN
           greatest(0, round(${POINTS.price} * (1 - under / ${SHORTFALL_TO_ZERO})))::int
         ELSE ${POINTS.price}
    END AS points,
    CASE WHEN p.min_price_pence IS NULL AND p.max_price_pence IS NULL THEN 'Open to any asking price'
         WHEN p.max_price_pence IS NOT NULL AND b.asking_price_pence > p.max_price_pence THEN
           'Asking ' || ${pounds("b.asking_price_pence")} || ' is ' || ${percent("over")} || ' over the budget of ' ||
           ${pounds("p.max_price_pence")}
         WHEN p.min_price_pence IS NOT NULL AND b.asking_price_pence < p.min_price_pence THEN
           'Asking ' || ${pounds("b.asking_price_pence")} || ' is ' || ${percent("under")} || ' under the minimum of ' ||
           ${pounds("p.min_price_pence")}
         ELSE 'Asking ' || ${pounds("b.asking_price_pence")} || ' is within budget'
    END AS reason
  FROM (
    SELECT (b.asking_price_pence - p.max_price_pence)::numeric / greatest(p.max_price_pence, 1) AS over,
           (p.min_price_pence - b.asking_price_pence)::numeric / greatest(p.min_price_pence, 1) AS under
  ) price`;

const REVENUE = `
  SELECT
    CASE WHEN p.min_revenue_pence IS NULL THEN ${POINTS.revenue}
         WHEN b.revenue_pence IS NULL THEN ${POINTS.revenue / 2}
         ELSE ${graded(POINTS.revenue, "b.revenue_pence", "p.min_revenue_pence")}
    END AS points,
    CASE WHEN p.min_revenue_pence IS NULL THEN 'Open to any turnover'
         WHEN b.revenue_pence IS NULL THEN 'Turnover not disclosed'
         WHEN b.revenue_pence >= p.min_revenue_pence THEN
           'Turnover ' || ${pounds("b.revenue_pence")} || ' meets the minimum of ' || ${pounds("p.min_revenue_pence")}
         ELSE 'Turnover ' || ${pounds("b.revenue_pence")} || ' is below the minimum of ' ||
              ${pounds("p.min_revenue_pence")} || ${shortfall("b.revenue_pence", "p.min_revenue_pence")}
    END AS reason`;

const PROFIT = `
  SELECT
    CASE WHEN p.min_ebitda_pence IS NULL THEN ${POINTS.profit}
         WHEN profit IS NULL THEN ${POINTS.profit / 2}
         ELSE ${graded(POINTS.profit, "profit", "p.min_ebitda_pence")}
    END AS points,
    CASE WHEN p.min_ebitda_pence IS NULL THEN 'Open to any profit'
         WHEN profit IS NULL THEN 'Profit (EBITDA or SDE) not disclosed'
         WHEN profit >= p.min_ebitda_pence THEN
           measure || ' ' || ${pounds("profit")} || ' meets the minimum of ' || ${pounds("p.min_ebitda_pence")}
         ELSE measure || ' ' || ${pounds("profit")} || ' is below the minimum of ' || ${pounds("p.min_ebitda_pence")} ||
              ${shortfall("profit", "p.min_ebitda_pence")}
    END AS reason
  FROM (
    -- EBITDA where the seller gave it, else SDE (owner's earnings), named in the reason.
    SELECT coalesce(b.ebitda_pence, b.sde_pence) AS profit,
           CASE WHEN b.ebitda_pence IS NOT NULL THEN 'EBITDA' ELSE 'SDE' END AS measure
  ) figures`;

const FUNDING = `
  SELECT
    CASE WHEN p.proof_of_funds_verified_at IS NOT NULL THEN ${FUNDING_POINTS.verified}
         WHEN p.funding_source IS NOT NULL THEN ${FUNDING_POINTS.stated}
         ELSE ${FUNDING_POINTS.notStated}
    END AS points,
    CASE WHEN p.proof_of_funds_verified_at IS NOT NULL THEN 'Proof of funds verified'
         WHEN p.funding_source IS NOT NULL THEN
           'Funding by ' || replace(lower(p.funding_source::text), '_', ' ') || ', not yet verified'
         ELSE 'Funding not stated: neutral'
    END AS reason`;

const criterion = (name: keyof typeof POINTS, alias: string) =>
  `jsonb_build_object('criterion', '${name}', 'score', ${alias}.points, 'max', ${POINTS[name]}, 'reason', ${alias}.reason)`;

const CRITERIA = `
  FROM (${SECTOR}) sector
  CROSS JOIN LATERAL (${REGION}) region
  CROSS JOIN LATERAL (${PRICE}) price
  CROSS JOIN LATERAL (${REVENUE}) revenue
  CROSS JOIN LATERAL (${PROFIT}) profit
  CROSS JOIN LATERAL (${FUNDING}) funding`;

const SCORE = "sector.points + region.points + price.points + revenue.points + profit.points + funding.points";

/**
 * The score alone of buyer profile `p` against listing `b`: what recomputing stores and sorts
 * by. No reasons are built (they cost several times the points), so scoring a listing against
 * every profile stays cheap; the same criteria as MATCH_SCORING_SQL, so the two always agree.
 */
export const MATCH_POINTS_SQL = `SELECT ${SCORE} AS score ${CRITERIA}`;

/** The score and breakdown of buyer profile `p` against listing `b` (see the top of this file). */
export const MATCH_SCORING_SQL = `
  SELECT ${SCORE} AS score,
         jsonb_build_array(${criterion("sector", "sector")}, ${criterion("region", "region")},
                           ${criterion("price", "price")}, ${criterion("revenue", "revenue")},
                           ${criterion("profit", "profit")}, ${criterion("funding", "funding")}) AS breakdown
  ${CRITERIA}`;
