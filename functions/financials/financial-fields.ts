import type { FinancialSource } from "../../generated/prisma/enums.ts";
import { AppError } from "../errors/app-error.ts";

/** One financial year's figures as the API takes them: money as whole pence, the year end as YYYY-MM-DD. */
export interface FinancialYearFields {
  financialYearEnd: string;
  revenuePence: number;
  grossProfitPence?: number | null | undefined;
  ebitdaPence?: number | null | undefined;
  netProfitPence?: number | null | undefined;
  sdePence?: number | null | undefined;
  source: FinancialSource;
}

/** Fields to Prisma data (pence as BigInt, the year end as a date at midnight UTC). */
export function toFinancialData(fields: FinancialYearFields) {
  const big = (value: number | null | undefined) => (value == null ? null : BigInt(value));
  return {
    financialYearEnd: new Date(`${fields.financialYearEnd}T00:00:00.000Z`),
    revenue: BigInt(fields.revenuePence),
    grossProfit: big(fields.grossProfitPence),
    ebitda: big(fields.ebitdaPence),
    netProfit: big(fields.netProfitPence),
    sde: big(fields.sdePence),
    source: fields.source,
  };
}

/** A second entry for the same year breaks the unique index (P2002): to the caller, a conflict. */
export function duplicateYearAsConflict(error: { code?: string }, financialYearEnd: string): unknown {
  return error.code === "P2002"
    ? new AppError("conflict", `Figures for the year ending ${financialYearEnd} exist already.`)
    : error;
}
