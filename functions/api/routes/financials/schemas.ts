import { z } from "@hono/zod-openapi";
import type { BusinessFinancial } from "../../../../generated/prisma/client.ts";
import { FinancialSource } from "../../../../generated/prisma/enums.ts";
import type { FinancialYearFields } from "../../../financials/financial-fields.ts";
import { uuid } from "../uuid.ts";

const Pence = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const FinancialInputSchema = z.object({
  financialYearEnd: z.iso
    .date()
    .refine((value) => value >= "1900-01-01" && value <= "2100-12-31", "must be a date between 1900 and 2100")
    .openapi({ example: "2025-03-31" }),
  revenuePence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  grossProfitPence: Pence.nullable().optional(),
  ebitdaPence: Pence.nullable().optional(),
  netProfitPence: Pence.nullable().optional(),
  sdePence: Pence.nullable().optional(),
  source: z.enum(FinancialSource).default("SELLER_STATED"),
}) satisfies z.ZodType<FinancialYearFields, unknown>;

export const FinancialSchema = z
  .object({
    id: uuid(),
    businessId: uuid(),
    financialYearEnd: z.iso.date(),
    revenuePence: z.number().int(),
    grossProfitPence: z.number().int().nullable(),
    ebitdaPence: z.number().int().nullable(),
    netProfitPence: z.number().int().nullable(),
    sdePence: z.number().int().nullable(),
    source: z.enum(FinancialSource),
    enteredById: uuid(),
    createdAt: z.iso.datetime(),
    /** Send as If-Match (quoted) when correcting these figures. */
    etag: z.string(),
  })
  .openapi("Financial");

const num = (value: bigint | null) => (value === null ? null : Number(value));

export function toFinancialResponse(row: BusinessFinancial): z.infer<typeof FinancialSchema> {
  return {
    id: row.id,
    businessId: row.businessId,
    financialYearEnd: row.financialYearEnd.toISOString().slice(0, 10),
    revenuePence: Number(row.revenue),
    grossProfitPence: num(row.grossProfit),
    ebitdaPence: num(row.ebitda),
    netProfitPence: num(row.netProfit),
    sdePence: num(row.sde),
    source: row.source,
    enteredById: row.enteredById,
    createdAt: row.createdAt.toISOString(),
    etag: `"${row.updatedAt.getTime()}"`,
  };
}

export const FinancialParamsSchema = z.object({
  id: uuid().openapi({ param: { name: "id", in: "path" } }),
  financialId: uuid().openapi({ param: { name: "financialId", in: "path" } }),
});
