import type { PremisesTenure, UkRegion } from "../../generated/prisma/enums.ts";

/** A listing's editable fields as the API takes them: money as whole pence in a number. */
export interface ListingFields {
  title: string;
  description: string;
  tradingName?: string | null | undefined;
  companyNumber?: string | null | undefined;
  sicCode: string;
  region: UkRegion;
  town?: string | null | undefined;
  postcode?: string | null | undefined;
  askingPricePence: number;
  revenuePence?: number | null | undefined;
  ebitdaPence?: number | null | undefined;
  sdePence?: number | null | undefined;
  employees?: number | null | undefined;
  yearEstablished?: number | null | undefined;
  premisesTenure: PremisesTenure;
  isConfidential: boolean;
  reasonForSale?: string | null | undefined;
}

/** Fields to Prisma data: pence as BigInt, and only the fields given (an edit sends some). */
export function toBusinessData(fields: Partial<ListingFields>) {
  const { askingPricePence, revenuePence, ebitdaPence, sdePence, ...rest } = fields;
  const big = (value: number | null | undefined) =>
    value === undefined ? undefined : value === null ? null : BigInt(value);
  return {
    ...rest,
    ...(askingPricePence !== undefined ? { askingPrice: BigInt(askingPricePence) } : {}),
    ...(revenuePence !== undefined ? { revenue: big(revenuePence) } : {}),
    ...(ebitdaPence !== undefined ? { ebitda: big(ebitdaPence) } : {}),
    ...(sdePence !== undefined ? { sde: big(sdePence) } : {}),
  };
}
