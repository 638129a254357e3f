import { z } from "@hono/zod-openapi";
import type { Business } from "../../../../generated/prisma/client.ts";
import { BusinessStatus, PremisesTenure, UkRegion } from "../../../../generated/prisma/enums.ts";
import type { ListingFields } from "../../../listings/listing-fields.ts";
import { uuid } from "../uuid.ts";

/** Money crosses the API as whole pence in a JSON number (exact up to £90 trillion). */
const Pence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const SignedPence = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const BusinessInputSchema = z.object({
  title: z.string().trim().min(5).max(200),
  description: z.string().trim().min(20).max(10_000),
  tradingName: z.string().trim().min(1).max(200).nullable().optional(),
  companyNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{8}|[A-Z]{2}\d{6})$/, "must be a Companies House number: 8 digits, or 2 letters and 6 digits")
    .nullable()
    .optional(),
  sicCode: z.string().regex(/^\d{4,5}$/, "must be a SIC 2007 code (5 digits; legacy 4-digit codes accepted)"),
  region: z.enum(UkRegion),
  town: z.string().trim().min(1).max(100).nullable().optional(),
  postcode: z.string().trim().toUpperCase().max(10).nullable().optional(),
  askingPricePence: Pence,
  revenuePence: Pence.nullable().optional(),
  ebitdaPence: SignedPence.nullable().optional(),
  sdePence: SignedPence.nullable().optional(),
  employees: z.number().int().min(0).max(1_000_000).nullable().optional(),
  yearEstablished: z.number().int().min(1600).max(2200).nullable().optional(),
  premisesTenure: z.enum(PremisesTenure),
  isConfidential: z.boolean().default(true),
  reasonForSale: z.string().trim().max(1000).nullable().optional(),
}) satisfies z.ZodType<ListingFields, unknown>;

export const BusinessUpdateSchema = BusinessInputSchema.partial().refine((value) => Object.keys(value).length > 0, {
  message: "send at least one field",
});

export const BusinessSchema = z
  .object({
    id: uuid(),
    title: z.string(),
    description: z.string(),
    sicCode: z.string(),
    region: z.enum(UkRegion),
    askingPricePence: z.number().int(),
    revenuePence: z.number().int().nullable(),
    ebitdaPence: z.number().int().nullable(),
    sdePence: z.number().int().nullable(),
    employees: z.number().int().nullable(),
    yearEstablished: z.number().int().nullable(),
    premisesTenure: z.enum(PremisesTenure),
    isConfidential: z.boolean(),
    reasonForSale: z.string().nullable(),
    status: z.enum(BusinessStatus),
    publishedAt: z.iso.datetime().nullable(),
    lastActivityAt: z.iso.datetime(),
    viewCount: z.number().int(),
    version: z.number().int(),
    /** False when identifying fields are withheld (confidential listing, no accepted NDA). */
    identityVisible: z.boolean(),
    sellerId: uuid().nullable(),
    tradingName: z.string().nullable(),
    companyNumber: z.string().nullable(),
    town: z.string().nullable(),
    postcode: z.string().nullable(),
  })
  .openapi("Business");

const toNumber = (value: bigint | null) => (value === null ? null : Number(value));

export function toBusinessResponse(business: Business, seesIdentity: boolean): z.infer<typeof BusinessSchema> {
  return {
    id: business.id,
    title: business.title,
    description: business.description,
    sicCode: business.sicCode,
    region: business.region,
    askingPricePence: Number(business.askingPrice),
    revenuePence: toNumber(business.revenue),
    ebitdaPence: toNumber(business.ebitda),
    sdePence: toNumber(business.sde),
    employees: business.employees,
    yearEstablished: business.yearEstablished,
    premisesTenure: business.premisesTenure,
    isConfidential: business.isConfidential,
    reasonForSale: business.reasonForSale,
    status: business.status,
    publishedAt: business.publishedAt?.toISOString() ?? null,
    lastActivityAt: business.lastActivityAt.toISOString(),
    viewCount: business.viewCount,
    version: business.version,
    identityVisible: seesIdentity,
    sellerId: seesIdentity ? business.sellerId : null,
    tradingName: seesIdentity ? business.tradingName : null,
    companyNumber: seesIdentity ? business.companyNumber : null,
    town: seesIdentity ? business.town : null,
    postcode: seesIdentity ? business.postcode : null,
  };
}

export const IdParamSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

export const SellerResponseSchema = z
  .object({
    medianFirstResponseHours: z.number().int().nullable().openapi({
      description: "Median hours to a first answer (accept or decline); null below 3 inquiries in the window",
    }),
    inquiries: z.number().int().openapi({ description: "Inquiries counted: answered, or still waiting" }),
    windowDays: z.number().int(),
  })
  .openapi("SellerResponse", { description: "How quickly this listing's seller answers inquiries" });

/** One listing as GET /businesses/{id} returns it: the listing and its seller's responsiveness. */
export const ListingDetailSchema = BusinessSchema.extend({ sellerResponse: SellerResponseSchema }).openapi(
  "ListingDetail",
);
