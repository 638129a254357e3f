// `npm run audit:verify`: checks the hash chains of the audit log and the activity log.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { listAuditAnchors } from "../audit/audit-anchors.ts";
import { createAuditAnchorStore } from "../audit/create-audit-anchor-store.ts";
import type { DealRecordFile } from "../audit/deal-record-file.ts";
import { type AccessLogExportFile, verifyAccessLogExport } from "../audit/verify-access-log-export.ts";
import { CHAIN_NAMES, readAuditChainId, verifyChain } from "../audit/verify-audit-chain.ts";
import { verifyDealRecord } from "../audit/verify-deal-record.ts";
import { loadEnvironment } from "../config/environment.ts";
import { openDatabaseForCommand } from "../db/local-database.ts";
import { runCli } from "./run-cli.ts";

const USAGE = `
Usage: npm run audit:verify [-- --export <access-log.json>] [-- --deal-record <deal-record.json>] [-- --help]

Checks that nobody altered, removed or inserted a row of the audit log (every change to
business data) or of the activity log (logins, views, downloads): recomputes every row's hash
in chain order, checks each row links to the one before it and each chain ends where its head
says, and that activity rows still match the digest of their personal fields (anonymised rows:
that none are left). Prints the first broken link of each chain.

The audit chain is also checked against its anchors outside the database (AUDIT_ANCHOR_BUCKET,
or the folder AUDIT_ANCHOR_DIR, default .data/audit-anchors): the heads the sealer wrote there
as it went. A chain rewritten with every hash recomputed (by the database's owner, or in an
edited backup) is consistent in itself but no longer has the anchored hashes; one cut back ends
before an anchored position.

--export also checks a deal room's exported access log (GET /deal-rooms/{id}/access-log/export,
JSON): every row still hashes to the hash it carries, and the database holds that hash at that
place in the chain.

--deal-record checks a deal's exported record (GET /deals/{id}/record): every audit row in it
still hashes to its hash, the heads of terms are the document the deal and its signatures name,
the chain holds each row's hash at its position, and the anchor it names was written outside the
database.

Exit codes: 0 both chains are intact, 1 one is broken (or the check failed), 2 bad usage.
Database: DATABASE_URL when set, otherwise the embedded PostgreSQL.
`;

await runCli(USAGE, async (args) => {
  let exportFile: string | undefined;
  let dealRecordFile: string | undefined;
  try {
    const { values } = parseArgs({ args, options: { export: { type: "string" }, "deal-record": { type: "string" } } });
    exportFile = values.export;
    dealRecordFile = values["deal-record"];
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const environment = loadEnvironment();
  const database = await openDatabaseForCommand(environment);
  try {
    let intact = true;
    if (exportFile) {
      const report = await verifyAccessLogExport(
        database.databaseUrl,
        JSON.parse(await readFile(exportFile, "utf8")) as AccessLogExportFile,
      );
      process.stdout.write(
        report.ok
          ? `Access-log export intact: ${report.checked} rows match the chain.\n`
          : `Access-log export does NOT match:\n${report.problems.map((problem) => `  - ${problem}`).join("\n")}\n`,
      );
      intact = report.ok;
    }
    const chainId = await readAuditChainId(database.databaseUrl);
    const anchors = await listAuditAnchors(createAuditAnchorStore(environment), chainId);
    if (dealRecordFile) {
      const record = JSON.parse(await readFile(dealRecordFile, "utf8")) as DealRecordFile;
      const report = await verifyDealRecord(database.databaseUrl, anchors, record);
      const after = report.rowsAfterAnchor ? ` (${report.rowsAfterAnchor} after the newest anchor it names)` : "";
      process.stdout.write(
        report.ok
          ? `Deal record intact: ${report.checked} audit rows match the chain${after}; the heads of terms match their hash.\n`
          : `Deal record does NOT match:\n${report.problems.map((problem) => `  - ${problem}`).join("\n")}\n`,
      );
      intact &&= report.ok;
    }
    for (const chain of CHAIN_NAMES) {
      const report = await verifyChain(database.databaseUrl, chain, {
        onProgress: (checked) => process.stderr.write(`\rchecked ${checked} ${chain} rows`),
        ...(chain === "audit" ? { anchors } : {}),
      });
      process.stderr.write("\n");
      const label = `${chain[0]!.toUpperCase()}${chain.slice(1)} chain`;
      if (report.ok) {
        const waiting = report.unsealed
          ? ` ${report.unsealed.rows} newer rows wait for the sealer (oldest ${report.unsealed.oldestSeconds.toFixed(1)} s).`
          : "";
        process.stdout.write(`${label} intact: ${report.checked} rows checked.${waiting}\n`);
        if (report.anchors) process.stdout.write(`  ${anchorSummary(chainId, report.anchors)}\n`);
        continue;
      }
      intact = false;
      const link = report.firstBrokenLink!;
      process.stdout.write(
        `${label} BROKEN at row ${link.id}: ${link.problem} (${report.checked} rows intact before it).\n`,
      );
    }
    return intact ? 0 : 1;
  } finally {
    await database.embedded?.stop();
  }
});

function anchorSummary(
  chainId: string,
  anchors: { checked: number; newestPosition: string | null; rowsAfterNewest: number },
) {
  if (anchors.newestPosition === null) {
    return `No anchors outside the database for chain ${chainId}: it is checked only against itself.`;
  }
  const after = anchors.rowsAfterNewest > 0 ? `; ${anchors.rowsAfterNewest} rows sealed since the newest` : "";
  return `${anchors.checked} anchors outside the database match (newest at position ${anchors.newestPosition}${after}).`;
}
