// npm start skips `prisma migrate deploy` (seconds of schema-engine start-up) when the database
// has every migration applied cleanly with the SQL it has now (functions/db/pending-migrations.ts).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasPendingMigrations } from "../../functions/db/pending-migrations.ts";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("hasPendingMigrations", () => {
  let migrated: TestDatabase;
  let empty: TestDatabase;
  beforeAll(async () => {
    migrated = await createTestDatabase();
    empty = await createEmptyDatabase();
  });
  afterAll(async () => {
    await migrated.drop();
    await empty.drop();
  });

  it("is false for a database with every migration applied, true for one with none", async () => {
    expect(await hasPendingMigrations(migrated.url)).toBe(false);
    expect(await hasPendingMigrations(empty.url)).toBe(true);
  });

  it("is true when a migration is missing, failed, or its SQL changed since it was applied", async () => {
    const [newest] = await migrated.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    const name = newest!.migration_name;
    await migrated.query("UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = $1", [name]);
    expect(await hasPendingMigrations(migrated.url)).toBe(true);
    await migrated.query("UPDATE _prisma_migrations SET checksum = $2, finished_at = NULL WHERE migration_name = $1", [
      name,
      newest!.checksum,
    ]);
    expect(await hasPendingMigrations(migrated.url)).toBe(true);
    await migrated.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [name]);
    expect(await hasPendingMigrations(migrated.url)).toBe(true);
  });
});
