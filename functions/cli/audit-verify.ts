// `npm run audit:verify`: checks the audit log's hash chain.
import { verifyAuditChain } from "../audit/verify-audit-chain.ts";
import { loadEnvironment } from "../config/environment.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm run audit:verify [-- --help]

Checks that nobody altered or removed a row of the audit log: recomputes every row's hash in
chain order and checks each row links to the one before it and the chain ends where its head
says. Prints the first broken link.

Exit codes: 0 the chain is intact, 1 it is broken (or the check failed), 2 bad usage.
Database: DATABASE_URL when set, otherwise the embedded PostgreSQL.
`;

await runCli(USAGE, async (args) => {
  if (args.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const database = await openDatabaseForCommand(loadEnvironment());
  try {
    const report = await verifyAuditChain(database.databaseUrl, {
      onProgress: (checked) => process.stderr.write(`\rchecked ${checked} audit rows`),
    });
    process.stderr.write("\n");
    if (report.ok) {
      process.stdout.write(`Audit chain intact: ${report.checked} rows checked.\n`);
      return 0;
    }
    const link = report.firstBrokenLink!;
    process.stdout.write(
      `Audit chain BROKEN at row ${link.id}: ${link.problem} (${report.checked} rows intact before it).\n`,
    );
    return 1;
  } finally {
    await database.embedded?.stop();
  }
});
