import { type Business, Prisma } from "../../generated/prisma/client.ts";

/**
 * Every column of `businesses` under its Prisma field name, so a raw query can return a
 * Business exactly as `prisma.business.findFirst` would (the driver adapter turns bigint into
 * BigInt and timestamps into Date). Typed as a record of every field: a column added to the
 * model and not here does not compile.
 */
const COLUMN_OF_FIELD: Record<keyof Business, string> = {
  id: "id",
  sellerId: "seller_id",
  advisorId: "advisor_id",
  title: "title",
  description: "description",
  tradingName: "trading_name",
  companyNumber: "company_number",
  sicCode: "sic_code",
  region: "region",
  town: "town",
  postcode: "postcode",
  askingPrice: "asking_price_pence",
  revenue: "revenue_pence",
  ebitda: "ebitda_pence",
  sde: "sde_pence",
  employees: "employees",
  yearEstablished: "year_established",
  premisesTenure: "premises_tenure",
  isConfidential: "is_confidential",
  reasonForSale: "reason_for_sale",
  status: "status",
  publishedAt: "published_at",
  lastActivityAt: "last_activity_at",
  viewCount: "view_count",
  version: "version",
  createdAt: "created_at",
  updatedAt: "updated_at",
  deletedAt: "deleted_at",
};

/** `b.id AS "id", b.seller_id AS "sellerId", ...`: a Business from a query that names businesses `b`. */
export const BUSINESS_COLUMNS_OF_B = Prisma.raw(
  Object.entries(COLUMN_OF_FIELD)
    .map(([field, column]) => `b.${column} AS "${field}"`)
    .join(", "),
);
