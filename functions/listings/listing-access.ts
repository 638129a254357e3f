import type { Business, PrismaClient } from "../../generated/prisma/client.ts";
import { isPublicStatus } from "../domain/business-status.ts";
import { AppError } from "../errors/app-error.ts";
import type { Caller } from "../requests/request-context.ts";

export interface BusinessAccess {
  business: Business;
  /** The seller who owns it, an admin, or its advisor: may see everything. */
  isManager: boolean;
  /** The listing's advisor (the advisor profile attached to it). */
  isAdvisor: boolean;
  /** May see identifying fields (name, company number, exact location). */
  seesIdentity: boolean;
}

async function isAdvisorOf(prisma: PrismaClient, business: Business, userId: string) {
  if (!business.advisorId) return false;
  const advisor = await prisma.advisorProfile.findUnique({
    where: { id: business.advisorId },
    select: { userId: true },
  });
  return advisor?.userId === userId;
}

async function hasAcceptedNda(prisma: PrismaClient, businessId: string, userId: string) {
  const inquiry = await prisma.inquiry.findFirst({
    where: { businessId, buyerId: userId, status: "ACCEPTED", ndaAcceptedAt: { not: null }, deletedAt: null },
    select: { id: true },
  });
  return inquiry !== null;
}

/**
 * Loads a listing as `user` may see it, or throws not_found: a listing a user may not see is
 * reported as missing, so its existence does not leak.
 */
export async function loadBusinessFor(
  prisma: PrismaClient,
  id: string,
  user: Caller | undefined,
): Promise<BusinessAccess> {
  const business = await prisma.business.findFirst({ where: { id, deletedAt: null } });
  if (!business) throw new AppError("not_found", "No such business.");
  return accessToBusiness(prisma, business, user);
}

/**
 * What `user` may do with a listing already loaded (not deleted), or not_found when they may not
 * see it. An anonymous caller costs no query; a signed-in one at most two (advisor, NDA).
 */
export async function accessToBusiness(
  prisma: PrismaClient,
  business: Business,
  user: Caller | undefined,
): Promise<BusinessAccess> {
  return decideBusinessAccess(business, user, {
    isAdvisor: user !== undefined && (await isAdvisorOf(prisma, business, user.id)),
    hasAcceptedNda: () => user !== undefined && hasAcceptedNda(prisma, business.id, user.id),
  });
}

/**
 * The rule behind accessToBusiness, given the facts about `user` it depends on, however they were
 * found (the listing page reads them with the listing: find-listing-for-view.ts).
 */
export async function decideBusinessAccess(
  business: Business,
  user: Caller | undefined,
  facts: {
    /** Whether `user` is the listing's advisor. */
    isAdvisor: boolean;
    /** Whether `user` holds an accepted NDA for it; asked only when it decides something. */
    hasAcceptedNda: () => boolean | Promise<boolean>;
  },
): Promise<BusinessAccess> {
  const isAdvisor = user !== undefined && facts.isAdvisor;
  const isManager = user !== undefined && (user.role === "ADMIN" || business.sellerId === user.id || isAdvisor);
  if (!isManager && !isPublicStatus(business.status)) {
    throw new AppError("not_found", "No such business.");
  }
  // The NDA matters only for a confidential listing's identity.
  const seesIdentity = isManager || !business.isConfidential || (user !== undefined && (await facts.hasAcceptedNda()));
  return { business, isManager, isAdvisor, seesIdentity };
}

/** Loads a listing the user may change: its seller or an admin. Others get not_found/forbidden. */
export async function loadBusinessForOwner(prisma: PrismaClient, id: string, user: Caller): Promise<Business> {
  const access = await loadBusinessFor(prisma, id, user);
  if (user.role !== "ADMIN" && access.business.sellerId !== user.id) {
    throw new AppError("forbidden", "Only the listing's seller (or an admin) can do this.");
  }
  return access.business;
}

/**
 * Loads a listing whose financial figures `user` may read (its seller, advisor, admins, buyers
 * with an accepted NDA) or write (`write`: its seller, advisor or an admin).
 */
export async function loadBusinessForFinancials(
  prisma: PrismaClient,
  id: string,
  user: Caller,
  mode: "read" | "write",
): Promise<BusinessAccess> {
  const access = await loadBusinessFor(prisma, id, user);
  if (access.isManager) return access;
  if (mode === "write") throw new AppError("forbidden", "Only the listing's seller or advisor can change its figures.");
  if (await hasAcceptedNda(prisma, access.business.id, user.id)) return access;
  throw new AppError("forbidden", "Financial figures are shared with buyers once they accept the NDA.");
}
