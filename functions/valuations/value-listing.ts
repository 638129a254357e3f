import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { ValuationMethod } from "../../generated/prisma/enums.ts";
import { loadBusinessForFinancials } from "../listings/listing-access.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { VALUATION_DETAILS, type ValuationDetails } from "./valuation-details.ts";

/** A valuation as its author states it: a method, its inputs, and a low/mid/high range in pence. */
export interface ValuationFields {
  method: ValuationMethod;
  inputs: Record<string, string | number | boolean | null>;
  lowPence: number;
  midPence: number;
  highPence: number;
  notes?: string | null | undefined;
}

/** The listing's seller or its advisor (or an admin) values it. */
export async function valueListing(
  deps: { prisma: PrismaClient },
  input: { businessId: string; valuation: ValuationFields },
  request: SignedInRequest,
): Promise<ValuationDetails> {
  const { business } = await loadBusinessForFinancials(deps.prisma, input.businessId, request.caller, "write");
  const { valuation } = input;
  return deps.prisma.valuation.create({
    data: {
      businessId: business.id,
      createdById: request.caller.id,
      method: valuation.method,
      inputs: valuation.inputs,
      low: BigInt(valuation.lowPence),
      mid: BigInt(valuation.midPence),
      high: BigInt(valuation.highPence),
      notes: valuation.notes ?? null,
    },
    include: VALUATION_DETAILS,
  });
}
valueListing.failures = ["not_found", "forbidden"] as const;
