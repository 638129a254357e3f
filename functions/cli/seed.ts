// `npm run db:seed`: fills the database with the development dataset (idempotent).

import { formatDevelopmentLogins } from "../../prisma/seed/print-logins.ts";
import { seedWithDevelopmentPassword } from "../../prisma/seed/seed-with-password.ts";
import { loadEnvironment } from "../config/environment.ts";
import { openLocalDatabase } from "../db/local-database.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm run db:seed [-- --help]

Inserts the development dataset: admin admin@exitmatch.co.uk, 5 sellers with businesses,
8 buyers with profiles, 3 advisors, and sample valuations, matches, inquiries, deal rooms,
offers and deals (one listing under offer with three offers, one sold), and due diligence on
every buyer. Idempotent: rows that exist are left alone, so a second run inserts nothing.

Database: DATABASE_URL (and DIRECT_URL) when set, otherwise the embedded PostgreSQL.
Migrations must be applied first (npm run db:migrate, or npm start does it).
`;

await runCli(USAGE, async () => {
  const log = (message: string) => process.stdout.write(`${message}\n`);
  const database = await openLocalDatabase(loadEnvironment(), { reuseRunning: true, onProgress: log });
  const { prisma } = createDatabaseClient(database.databaseUrl);
  try {
    log("Seeding the development dataset...");
    const { inserted } = await seedWithDevelopmentPassword(prisma, log);
    const total = Object.values(inserted).reduce((sum, count) => sum + count, 0);
    log(total === 0 ? "Nothing to insert: the dataset is already there." : `Inserted ${total} rows.`);
    log(formatDevelopmentLogins());
    return 0;
  } catch (error) {
    if ((error as { code?: string }).code === "P2021") {
      process.stderr.write("Error: the tables do not exist yet. Run `npm run db:migrate` (or `npm start`) first.\n");
      return 1;
    }
    throw error;
  } finally {
    await prisma.$disconnect();
    await database.embedded?.stop();
  }
});
