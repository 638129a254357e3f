import type { PrismaClient } from "../../generated/prisma/client.ts";
import { dbUtils } from "../db/soft-delete.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadFinancialYearForWrite } from "./load-financial-year.ts";

/** The listing's seller or advisor (or an admin) removes a year: soft, as HMRC records are kept 6 years. */
export async function removeFinancialYear(
  deps: { prisma: PrismaClient },
  input: { businessId: string; financialId: string },
  request: SignedInRequest,
): Promise<void> {
  const year = await loadFinancialYearForWrite(deps.prisma, input, request.caller);
  await dbUtils.softDelete(deps.prisma, "BusinessFinancial", year.id, request.receivedAt);
}
removeFinancialYear.failures = ["not_found", "forbidden"] as const;
