import type { Business, Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors/app-error.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { type ListingFields, toBusinessData } from "./listing-fields.ts";

/** A seller lists a business; it starts as a draft. */
export async function createListing(
  deps: { prisma: PrismaClient },
  input: ListingFields,
  request: SignedInRequest,
): Promise<Business> {
  const { caller } = request;
  if (caller.role !== "SELLER") throw new AppError("forbidden", "Only sellers can list businesses.");
  return deps.prisma.business.create({
    // Every required field is in ListingFields, so every required column is present.
    data: { ...(toBusinessData(input) as Prisma.BusinessUncheckedCreateInput), sellerId: caller.id, status: "DRAFT" },
  });
}
createListing.failures = ["forbidden"] as const;
