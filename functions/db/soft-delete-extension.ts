import { Prisma } from "../../generated/prisma/client.ts";
import { SOFT_DELETABLE_MODELS } from "./soft-delete.ts";

/** A bulk update or delete with no filter: refused, because it would touch every row. */
export class EmptyFilterError extends Error {
  override name = "EmptyFilterError";
}

const READS = new Set([
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "count",
  "aggregate",
  "groupBy",
]);
const BULK_WRITES = new Set(["updateMany", "updateManyAndReturn", "deleteMany"]);
const softDeletable = new Set<string>(SOFT_DELETABLE_MODELS);

function isEmptyFilter(where: unknown): boolean {
  return (
    where === undefined ||
    where === null ||
    (typeof where === "object" && Object.values(where).every((value) => value === undefined))
  );
}

/**
 * The soft-delete rules, for every query through the client:
 *  - reads of soft-deletable models leave out deleted rows unless the filter names `deletedAt`
 *    itself (`where: { deletedAt: { not: null } }` for the deleted ones, `includeDeleted()`
 *    for all). Relation filters the API uses name `deletedAt: null` explicitly.
 *  - `updateMany` / `deleteMany` with an empty filter are refused: a forgotten `where` must
 *    not rewrite or remove a whole table. Mean it with raw SQL.
 */
export const softDeleteExtension = Prisma.defineExtension({
  name: "soft-delete",
  query: {
    $allModels: {
      $allOperations({ model, operation, args, query }) {
        const withWhere = args as { where?: Record<string, unknown> };
        if (BULK_WRITES.has(operation) && isEmptyFilter(withWhere.where)) {
          throw new EmptyFilterError(
            `${model}.${operation} with an empty filter would change every row; give a where filter.`,
          );
        }
        if (READS.has(operation) && softDeletable.has(model) && !(withWhere.where && "deletedAt" in withWhere.where)) {
          return query({ ...args, where: { ...withWhere.where, deletedAt: null } } as typeof args);
        }
        return query(args);
      },
    },
  },
});

/** The `where` fragment that keeps soft-deleted rows in a read: `where: { id, ...includeDeleted() }`. */
export function includeDeleted(): { deletedAt: undefined } {
  return { deletedAt: undefined };
}
