import type { PrismaClient } from "../../generated/prisma/client.ts";
import { runWithDatabaseSession } from "../db/database-session.ts";
import { ENCRYPTED_COLUMNS, type EncryptedColumn, type FieldCipher, isEncryptedValue } from "./field-cipher.ts";
import { phoneBlindIndex } from "./phone-number.ts";

export interface RotationProgress {
  column: EncryptedColumn;
  rewritten: number;
}

export interface RotationResult {
  column: EncryptedColumn;
  /** Values re-encrypted with the active key (or, on a dry run, that would be). */
  rewritten: number;
  /** Of those, values that were still plain text (written before encryption was introduced). */
  wasPlainText: number;
}

/** Table and column from a fixed list: safe to place in SQL. */
function sqlNameOf(column: EncryptedColumn): { table: string; name: string } {
  const [table, name] = column.split(".") as [string, string];
  return { table, name };
}

/**
 * Re-encrypts every value of every encrypted column that is not yet under the active key
 * (including legacy plain text), in keyset-ordered batches of one short transaction each, so it
 * can run on a live database and be stopped and rerun at any time. Each update only applies if
 * the value is still the one that was read, so a concurrent write is never overwritten.
 * `reindex` also recomputes every phone blind index (after BLIND_INDEX_KEY changes).
 */
export async function rotateFieldKeys(
  prisma: PrismaClient,
  cipher: FieldCipher,
  options: {
    dryRun?: boolean;
    reindex?: boolean;
    batchSize?: number;
    onProgress?: (progress: RotationProgress) => void;
  } = {},
): Promise<RotationResult[]> {
  const batchSize = options.batchSize ?? 500;
  const current = `v1:${cipher.activeKeyId}:%`;
  const results: RotationResult[] = [];
  for (const column of ENCRYPTED_COLUMNS) {
    const { table, name } = sqlNameOf(column);
    const reindexing = options.reindex === true && column === "users.phone";
    const result: RotationResult = { column, rewritten: 0, wasPlainText: 0 };
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await prisma.$queryRawUnsafe<{ id: string; value: string }[]>(
        `SELECT id::text, "${name}" AS value FROM "${table}"
         WHERE "${name}" IS NOT NULL AND ($1 OR "${name}" NOT LIKE $2) AND id > $3::uuid
         ORDER BY id LIMIT $4`,
        reindexing,
        current,
        after,
        batchSize,
      );
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const rewrites = rows.map((row) => {
        const wasPlainText = !isEncryptedValue(row.value);
        if (wasPlainText) result.wasPlainText += 1;
        const plaintext = wasPlainText ? row.value : cipher.decrypt(column, row.value);
        const value = cipher.isCurrent(row.value) ? row.value : cipher.encrypt(column, plaintext);
        // A plain-text phone never had a blind index; a new blind index key invalidates them all.
        const index =
          column === "users.phone" && (reindexing || wasPlainText) ? phoneBlindIndex(cipher, plaintext) : null;
        return { id: row.id, old: row.value, value, index };
      });
      if (!options.dryRun) {
        const setIndex = column === "users.phone" ? `, phone_blind_index = COALESCE(v.index, t.phone_blind_index)` : "";
        await runWithDatabaseSession({ system: true }, () =>
          prisma.$executeRawUnsafe(
            `UPDATE "${table}" t SET "${name}" = v.value${setIndex}
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(id, old, value, index)
             WHERE t.id = v.id AND t."${name}" = v.old`,
            rewrites.map((r) => r.id),
            rewrites.map((r) => r.old),
            rewrites.map((r) => r.value),
            rewrites.map((r) => r.index),
          ),
        );
      }
      result.rewritten += rewrites.length;
      options.onProgress?.({ column, rewritten: result.rewritten });
    }
    results.push(result);
  }
  return results;
}
