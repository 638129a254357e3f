/**
 * A completed deal kept as an anonymised comparable for later valuation work (issue 28): what
 * was sold (industry, region, size), how, when and for what, and the multiples the price made
 * of the figures at completion. No names and no listing id; the date is kept to the month and
 * the size as a band, so that industry, region and day together do not point at one business.
 */
export interface CompletedDealFacts {
  sicCode: string;
  region: string;
  dealType: "SHARE_PURCHASE" | "ASSET_PURCHASE";
  /** YYYY-MM-DD. */
  completedOn: string;
  pricePence: number;
  /** The latest full year's figures at completion, where the listing gave them. */
  revenuePence: number | null;
  ebitdaPence: number | null;
  sdePence: number | null;
}

export type SizeBand = "UNDER_500K" | "500K_TO_2M" | "2M_TO_10M" | "10M_AND_OVER" | "NOT_DISCLOSED";

export interface Comparable {
  sicCode: string;
  region: string;
  /** By annual revenue. */
  sizeBand: SizeBand;
  dealType: CompletedDealFacts["dealType"];
  /** YYYY-MM. */
  completedIn: string;
  pricePence: number;
  /** Price over the figure, to two decimal places; null where the figure is missing or not positive. */
  priceToRevenue: number | null;
  priceToEbitda: number | null;
  priceToSde: number | null;
}

const POUND = 100;

/** The size band of a business with this annual revenue. */
export function sizeBandOf(revenuePence: number | null): SizeBand {
  if (revenuePence === null) return "NOT_DISCLOSED";
  if (revenuePence < 500_000 * POUND) return "UNDER_500K";
  if (revenuePence < 2_000_000 * POUND) return "500K_TO_2M";
  if (revenuePence < 10_000_000 * POUND) return "2M_TO_10M";
  return "10M_AND_OVER";
}

const multiple = (pricePence: number, figurePence: number | null) =>
  figurePence === null || figurePence <= 0 ? null : Math.round((pricePence * 100) / figurePence) / 100;

export function comparableOf(deal: CompletedDealFacts): Comparable {
  return {
    sicCode: deal.sicCode,
    region: deal.region,
    sizeBand: sizeBandOf(deal.revenuePence),
    dealType: deal.dealType,
    completedIn: deal.completedOn.slice(0, 7),
    pricePence: deal.pricePence,
    priceToRevenue: multiple(deal.pricePence, deal.revenuePence),
    priceToEbitda: multiple(deal.pricePence, deal.ebitdaPence),
    priceToSde: multiple(deal.pricePence, deal.sdePence),
  };
}
