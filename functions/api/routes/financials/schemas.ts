import { z } from "@hono/zod-openapi";
import type { BusinessFinancial } from "../../../../generated/prisma/client.ts";
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
  source: z.enum(["SELLER_STATED", "ACCOUNTANT_PREPARED", "FILED_ACCOUNTS"]).default("SELLER_STATED"),
});

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
    source: z.enum(["SELLER_STATED", "ACCOUNTANT_PREPARED", "FILED_ACCOUNTS"]),
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

/** Input (pence as numbers) to Prisma data (pence as BigInt). */
export function toFinancialData(input: z.infer<typeof FinancialInputSchema>) {
  const big = (value: number | null | undefined) => (value == null ? null : BigInt(value));
  return {
    financialYearEnd: new Date(`${input.financialYearEnd}T00:00:00.000Z`),
    revenue: BigInt(input.revenuePence),
    grossProfit: big(input.grossProfitPence),
    ebitda: big(input.ebitdaPence),
    netProfit: big(input.netProfitPence),
    sde: big(input.sdePence),
    source: input.source,
  };
}
