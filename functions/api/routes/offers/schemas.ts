import { z } from "@hono/zod-openapi";
import { BOARD_SORT_KEYS } from "../../../domain/offer-board.ts";
import type { OfferTerms } from "../../../domain/offer-terms-rules.ts";
import { DEFAULT_EXCLUSIVITY_DAYS, DEFAULT_OPEN_DAYS } from "../../../domain/offer-terms-rules.ts";
import type { BoardEntry } from "../../../offers/offer-board.ts";
import type { OfferDetails, OfferVersionDetails } from "../../../offers/offer-details.ts";
import { uuid } from "../uuid.ts";

// Shapes only: ranges and how the fields tie together (components adding up to the price, dates
// after today, fields that belong to one kind of deal) are the rules' (domain/offer-terms-rules.ts),
// which name each field in a 400 just as these do.
const Pence = z.number().int().openapi({ description: "GBP, whole pence" });
const Months = z.number().int();
const Words = z.string().trim().min(1).max(2000);

export const OfferTermsSchema = z
  .object({
    dealType: z.enum(["SHARE_PURCHASE", "ASSET_PURCHASE"]),
    pricePence: Pence.openapi({ description: "The headline price, GBP pence (at most £10bn)" }),
    cashFreeDebtFree: z
      .boolean()
      .optional()
      .openapi({ description: "Share purchases: priced cash-free/debt-free with a normal level of working capital" }),
    payment: z
      .object({
        cashAtCompletionPence: Pence,
        deferred: z
          .array(
            z
              .object({
                amountPence: Pence,
                dueDate: z.iso.date().optional(),
                monthsAfterCompletion: Months.optional(),
              })
              .strict(),
          )
          .max(20)
          .default([]),
        earnOut: z
          .object({
            maxAmountPence: Pence,
            measure: z.enum(["REVENUE", "GROSS_PROFIT", "EBITDA"]),
            months: Months,
            terms: Words,
          })
          .strict()
          .optional(),
        vendorLoan: z
          .object({
            amountPence: Pence,
            interestBasisPoints: z.number().int().openapi({ description: "A year; 650 = 6.5%" }),
            termMonths: Months,
          })
          .strict()
          .optional(),
        retention: z.object({ amountPence: Pence, months: Months, releasedWhen: Words }).strict().optional(),
      })
      .strict()
      .openapi({ description: "How the price is paid: the components add up to it exactly" }),
    priceMechanism: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("LOCKED_BOX"), balanceSheetDate: z.iso.date() }).strict(),
      z.object({ kind: z.literal("COMPLETION_ACCOUNTS") }).strict(),
    ]),
    funding: z
      .array(
        z
          .object({ source: z.enum(["OWN_CASH", "BANK_DEBT", "INVESTOR_EQUITY", "OTHER"]), amountPence: Pence })
          .strict(),
      )
      .min(1)
      .max(10)
      .openapi({ description: "How the cash at completion is funded; the amounts cover it" }),
    conditions: z
      .array(
        z
          .object({
            kind: z.enum(["FINANCE", "DUE_DILIGENCE", "KEY_STAFF", "LANDLORD_CONSENT", "REGULATORY_APPROVAL", "OTHER"]),
            text: z.string().trim().min(1).max(1000).optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    tupeApplies: z.boolean().optional().openapi({ description: "Asset purchases: employees transfer under TUPE" }),
    togcIntended: z
      .boolean()
      .optional()
      .openapi({ description: "Asset purchases: a transfer of a going concern is intended for VAT" }),
    exclusivityDays: z.number().int().default(DEFAULT_EXCLUSIVITY_DAYS).openapi({ description: "1 to 120" }),
    targetCompletionDate: z.iso.date(),
    openDays: z
      .number()
      .int()
      .default(DEFAULT_OPEN_DAYS)
      .openapi({ description: "How long the offer stays open, 1 to 30 days" }),
  })
  .strict()
  .openapi("OfferTerms") satisfies z.ZodType<OfferTerms, unknown>;

const OfferSide = z.enum(["BUYER", "SELLER"]);

export const OfferVersionSchema = z
  .object({
    number: z.number().int().openapi({ description: "Send it back as If-Match to answer this version" }),
    proposedBy: OfferSide,
    terms: OfferTermsSchema,
    openUntil: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .openapi("OfferVersion");

export const OfferSchema = z
  .object({
    id: uuid(),
    listingId: uuid(),
    status: z.enum(["AWAITING_SELLER", "AWAITING_BUYER", "ACCEPTED", "REJECTED", "WITHDRAWN", "EXPIRED"]),
    turn: OfferSide.nullable().openapi({ description: "Whose turn it is to answer; null once the offer has ended" }),
    frozen: z.boolean().openapi({ description: "On hold while the seller is committed to another offer" }),
    rejectionReason: z.string().nullable(),
    latest: OfferVersionSchema,
    createdAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    dealId: uuid().nullable(),
  })
  .openapi("Offer");

export const OfferWithVersionsSchema = OfferSchema.extend({
  versions: z.array(OfferVersionSchema).openapi({ description: "Every version, newest first" }),
}).openapi("OfferWithVersions");

export function toVersionResponse(version: OfferVersionDetails): z.infer<typeof OfferVersionSchema> {
  return {
    ...version,
    terms: version.terms as z.infer<typeof OfferTermsSchema>,
    openUntil: version.openUntil.toISOString(),
    createdAt: version.createdAt.toISOString(),
  };
}

export function toOfferResponse(offer: OfferDetails): z.infer<typeof OfferSchema> {
  return {
    id: offer.id,
    listingId: offer.listingId,
    status: offer.status,
    turn: offer.turn,
    frozen: offer.frozen,
    rejectionReason: offer.rejectionReason,
    latest: toVersionResponse(offer.latest),
    createdAt: offer.createdAt.toISOString(),
    endedAt: offer.endedAt?.toISOString() ?? null,
    dealId: offer.dealId,
  };
}

export const OfferIdParamSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

export const VersionParamSchema = OfferIdParamSchema.extend({
  number: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .openapi({ param: { name: "number", in: "path" } }),
});

export const IfMatchHeaderSchema = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({ param: { name: "If-Match", in: "header" }, description: 'The version answered, e.g. "2" (required)' }),
});

export const VersionChangesSchema = z
  .object({
    number: z.number().int(),
    comparedWith: z.number().int(),
    changes: z.array(
      z.object({
        field: z.string(),
        from: z.union([z.string(), z.number(), z.boolean()]).nullable(),
        to: z.union([z.string(), z.number(), z.boolean()]).nullable(),
      }),
    ),
  })
  .openapi("OfferVersionChanges");

export const BoardQuerySchema = z
  .object({
    sort: z.enum(BOARD_SORT_KEYS).default("pricePence"),
    direction: z.enum(["asc", "desc"]).default("desc"),
  })
  .strict();

const BoardEntrySchema = z.object({
  offerId: uuid(),
  status: z.enum(["AWAITING_SELLER", "AWAITING_BUYER"]),
  frozen: z.boolean(),
  latestVersion: z.number().int(),
  pricePence: z.number().int(),
  cashAtCompletionPence: z.number().int(),
  cashAtCompletionPercent: z.number(),
  paidLaterPercent: z.number().openapi({ description: "Deferred, earn-out and vendor loan, % of the price" }),
  impliedMultiple: z.number().nullable(),
  multipleOf: z.enum(["EBITDA", "SDE"]).nullable(),
  conditions: z.number().int(),
  exclusivityDays: z.number().int(),
  secondsLeft: z.number().int(),
  buyerVerified: z.boolean(),
});

export const BoardSchema = z.object({ listingId: uuid(), offers: z.array(BoardEntrySchema) }).openapi("OfferBoard");

export const toBoardEntry = (entry: BoardEntry): z.infer<typeof BoardEntrySchema> => entry;
