import { z } from "@hono/zod-openapi";
import type { DealDetails } from "../../../deals/deal-details.ts";
import { OfferTermsSchema } from "../offers/schemas.ts";
import { uuid } from "../uuid.ts";

const Side = z.enum(["BUYER", "SELLER"]);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in lower-case hex");

/** The final consideration: the price and how it is paid, as in an offer. */
export const ConsiderationSchema = z
  .object({ pricePence: OfferTermsSchema.shape.pricePence, payment: OfferTermsSchema.shape.payment })
  .strict();

export const DealSchema = z
  .object({
    id: uuid(),
    listingId: uuid(),
    offerId: uuid(),
    acceptedVersion: z.number().int(),
    status: z.enum(["HEADS_OF_TERMS", "EXCLUSIVE", "COMPLETION_RECORDED", "COMPLETED", "FELL_THROUGH"]),
    headsOfTerms: z.object({
      sha256: Sha256.openapi({ description: "SHA-256 of the PDF at GET /deals/{id}/heads-of-terms" }),
      signatures: z.array(
        z.object({ party: Side, fullName: z.string(), signedAt: z.iso.datetime(), documentSha256: Sha256 }),
      ),
    }),
    exclusivity: z.object({
      days: z.number().int(),
      startsAt: z.iso.datetime().nullable(),
      endsAt: z.iso.datetime().nullable(),
      extension: z
        .object({ days: z.number().int(), proposedBy: Side, signedBy: z.array(Side) })
        .nullable()
        .openapi({ description: "The one extension, once proposed" }),
      extendedAt: z.iso.datetime().nullable(),
      endedAt: z.iso.datetime().nullable(),
      endReason: z.enum(["EXPIRED", "ENDED_BY_SELLER", "WITHDRAWN_BY_BUYER", "FELL_THROUGH", "COMPLETED"]).nullable(),
    }),
    completion: z
      .object({
        completedOn: z.iso.date(),
        consideration: ConsiderationSchema,
        recordedAt: z.iso.datetime(),
        confirmedAt: z.iso.datetime().nullable(),
      })
      .nullable(),
    fellThrough: z.object({ at: z.iso.datetime(), reason: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Deal");

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function toDealResponse(deal: DealDetails): z.infer<typeof DealSchema> {
  const { exclusivity, completion } = deal;
  return {
    ...deal,
    headsOfTerms: {
      sha256: deal.headsOfTerms.sha256,
      signatures: deal.headsOfTerms.signatures.map((s) => ({ ...s, signedAt: s.signedAt.toISOString() })),
    },
    exclusivity: {
      ...exclusivity,
      startsAt: iso(exclusivity.startsAt),
      endsAt: iso(exclusivity.endsAt),
      extendedAt: iso(exclusivity.extendedAt),
      endedAt: iso(exclusivity.endedAt),
      endReason: exclusivity.endReason as z.infer<typeof DealSchema>["exclusivity"]["endReason"],
    },
    completion: completion
      ? {
          completedOn: completion.completedOn,
          consideration: completion.consideration as z.infer<typeof ConsiderationSchema>,
          recordedAt: completion.recordedAt.toISOString(),
          confirmedAt: iso(completion.confirmedAt),
        }
      : null,
    fellThrough: deal.fellThrough ? { at: deal.fellThrough.at.toISOString(), reason: deal.fellThrough.reason } : null,
    createdAt: deal.createdAt.toISOString(),
  };
}

export const DealIdParamSchema = z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) });

export const SignatureInputSchema = z
  .object({
    fullName: z.string().trim().min(2).max(200).openapi({ description: "Your full name, typed" }),
    consent: z
      .literal(true)
      .openapi({ description: "You agree to sign electronically (the text is returned with the deal)" }),
    documentSha256: Sha256.openapi({ description: "SHA-256 of the heads of terms you read" }),
  })
  .strict();

export const ExtensionInputSchema = z
  .object({
    days: z.number().int().min(1).max(120),
    fullName: z.string().trim().min(2).max(200),
    consent: z.literal(true),
  })
  .strict();

export const ReasonInputSchema = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export const OptionalReasonInputSchema = z.object({ reason: z.string().trim().min(1).max(2000).optional() }).strict();

export const CompletionInputSchema = z
  .object({ completedOn: z.iso.date(), consideration: ConsiderationSchema })
  .strict();
