import { z } from "zod";
import { systemClock } from "../clock/clock.ts";

/**
 * The models with a `deletedAt` column. A test checks this list against the database, so a new
 * soft-deletable table cannot be forgotten here.
 */
export const SOFT_DELETABLE_MODELS = [
  "User",
  "Business",
  "BusinessFinancial",
  "Valuation",
  "BuyerProfile",
  "AdvisorProfile",
  "Inquiry",
  "DealRoom",
  "Document",
  "DealRoomQuestion",
] as const;

export type SoftDeletableModel = (typeof SOFT_DELETABLE_MODELS)[number];

/** A soft delete or restore that could not be done; the message says why. */
export class SoftDeleteError extends Error {
  override name = "SoftDeleteError";
  constructor(
    readonly code: "unknown_model" | "invalid_id" | "not_found" | "already_deleted" | "not_deleted",
    message: string,
  ) {
    super(message);
  }
}

interface SoftDeletableDelegate {
  updateMany(args: {
    where: { id: string; deletedAt: Date | null | { not: null } };
    data: { deletedAt: Date | null };
  }): Promise<{ count: number }>;
  findUnique(args: {
    where: { id: string; deletedAt: undefined };
    select: { deletedAt: true };
  }): Promise<{ deletedAt: Date | null } | null>;
}

const uuid = z.uuid();

function delegateFor(prisma: object, model: string): SoftDeletableDelegate {
  if (!(SOFT_DELETABLE_MODELS as readonly string[]).includes(model)) {
    throw new SoftDeleteError(
      "unknown_model",
      `'${model}' is not a soft-deletable model. Expected one of: ${SOFT_DELETABLE_MODELS.join(", ")}.`,
    );
  }
  const property = model.charAt(0).toLowerCase() + model.slice(1);
  return (prisma as Record<string, SoftDeletableDelegate>)[property]!;
}

function checkId(model: string, id: unknown): string {
  if (!uuid.safeParse(id).success)
    throw new SoftDeleteError("invalid_id", `${model} id must be a UUID, got ${JSON.stringify(id)}.`);
  return id as string;
}

/** Explains why a conditional update touched no row: the row is missing, or in the other state. */
async function explainNoChange(delegate: SoftDeletableDelegate, model: string, id: string, wantedDeleted: boolean) {
  // deletedAt named (as undefined): the soft-delete extension then keeps deleted rows in.
  const row = await delegate.findUnique({ where: { id, deletedAt: undefined }, select: { deletedAt: true } });
  if (!row) return new SoftDeleteError("not_found", `${model} ${id} does not exist.`);
  return wantedDeleted
    ? new SoftDeleteError("already_deleted", `${model} ${id} is already deleted (at ${row.deletedAt?.toISOString()}).`)
    : new SoftDeleteError("not_deleted", `${model} ${id} is not deleted.`);
}

/**
 * Marks a row deleted (sets `deletedAt`). The row stays until retention removes it. The update
 * is conditional (`deletedAt IS NULL`), so two concurrent deletes cannot both succeed.
 * Accepts a PrismaClient or a transaction client.
 */
async function softDelete(
  prisma: object,
  model: SoftDeletableModel,
  id: string,
  /** When it was deleted: the retention periods count from here. */
  deletedAt: Date = systemClock.now(),
): Promise<{ id: string; deletedAt: Date }> {
  const delegate = delegateFor(prisma, model);
  checkId(model, id);
  const { count } = await delegate.updateMany({ where: { id, deletedAt: null }, data: { deletedAt } });
  if (count === 0) throw await explainNoChange(delegate, model, id, true);
  return { id, deletedAt };
}

/** Undoes a soft delete. */
async function softRestore(prisma: object, model: SoftDeletableModel, id: string): Promise<{ id: string }> {
  const delegate = delegateFor(prisma, model);
  checkId(model, id);
  const { count } = await delegate.updateMany({ where: { id, deletedAt: { not: null } }, data: { deletedAt: null } });
  if (count === 0) throw await explainNoChange(delegate, model, id, false);
  return { id };
}

/** The `where` fragment that leaves soft-deleted rows out: `findMany({ where: excludeSoftDeleted() })`. */
function excludeSoftDeleted(): { deletedAt: null } {
  return { deletedAt: null };
}

/** Soft-delete helpers with the signatures of the operations guide. */
export const dbUtils = { softDelete, softRestore, excludeSoftDeleted };
