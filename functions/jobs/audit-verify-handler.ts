// Checks both hash chains (the audit log, against its anchors outside the database, and the
// activity log) once a day. A broken chain fails
// the invocation and reports JobFailed, which an alarm pages on (infra/alarms.ts).
import { listAuditAnchors } from "../audit/audit-anchors.ts";
import { createAuditAnchorStore } from "../audit/create-audit-anchor-store.ts";
import { type AuditChainReport, CHAIN_NAMES, readAuditChainId, verifyChain } from "../audit/verify-audit-chain.ts";
import { loadEnvironment } from "../config/environment.ts";
import { linkedEnvironment } from "../config/linked-resources.ts";
import { runReported } from "./job-report.ts";

export async function handler() {
  return runReported("audit-verify", async () => {
    const environment = loadEnvironment(linkedEnvironment());
    if (!environment.DATABASE_URL) throw new Error("DATABASE_URL is not set.");
    const url = environment.DATABASE_URL;
    // The audit chain against its anchors in the stage's object-locked bucket, where it has one.
    const anchors = environment.AUDIT_ANCHOR_BUCKET
      ? await listAuditAnchors(createAuditAnchorStore(environment), await readAuditChainId(url))
      : undefined;
    const reports: Record<string, AuditChainReport> = Object.fromEntries(
      await Promise.all(
        CHAIN_NAMES.map(
          async (chain) =>
            [chain, await verifyChain(url, chain, chain === "audit" && anchors ? { anchors } : {})] as const,
        ),
      ),
    );
    console.log(JSON.stringify({ event: "audit_verified", reports }));
    const broken = Object.entries(reports).filter(([, report]) => !report.ok);
    if (broken.length > 0) {
      throw new Error(
        broken
          .map(
            ([chain, report]) =>
              `${chain} chain broken at row ${report.firstBrokenLink?.id}: ${report.firstBrokenLink?.problem}`,
          )
          .join("; "),
      );
    }
    return reports;
  });
}
