import { z } from "@hono/zod-openapi";
import { ValuationMethod } from "../../../../generated/prisma/enums.ts";
import type { ValuationDetails } from "../../../valuations/valuation-details.ts";
import type { ValuationFields } from "../../../valuations/value-listing.ts";
import { uuid } from "../uuid.ts";

const Pence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ValuationInputSchema = z
  .object({
    method: z.enum(ValuationMethod),
    inputs: z
      .record(z.string().max(100), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
      .refine((value) => Object.keys(value).length <= 50, "at most 50 inputs")
      .openapi({ example: { ebitdaPence: 52_000_000, multiple: 4.6 } }),
    lowPence: Pence,
    midPence: Pence,
    highPence: Pence,
    notes: z.string().trim().max(5000).nullable().optional(),
  })
  .refine((value) => value.lowPence <= value.midPence && value.midPence <= value.highPence, {
    message: "must satisfy lowPence <= midPence <= highPence",
    path: ["midPence"],
  }) satisfies z.ZodType<ValuationFields, unknown>;

export const ValuationSchema = z
  .object({
    id: uuid(),
    businessId: uuid(),
    method: z.enum(ValuationMethod),
    inputs: z.record(z.string(), z.unknown()),
    lowPence: z.number().int(),
    midPence: z.number().int(),
    highPence: z.number().int(),
    notes: z.string().nullable(),
    createdBy: z.object({ id: uuid(), name: z.string(), role: z.string() }),
    createdAt: z.iso.datetime(),
  })
  .openapi("Valuation");

export function toValuationResponse(row: ValuationDetails): z.infer<typeof ValuationSchema> {
  return {
    id: row.id,
    businessId: row.businessId,
    method: row.method,
    inputs: row.inputs as Record<string, unknown>,
    lowPence: Number(row.low),
    midPence: Number(row.mid),
    highPence: Number(row.high),
    notes: row.notes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export const ValuationParamsSchema = z.object({
  id: uuid().openapi({ param: { name: "id", in: "path" } }),
  valuationId: uuid().openapi({ param: { name: "valuationId", in: "path" } }),
});
