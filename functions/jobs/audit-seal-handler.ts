// The audit sealer as a function a scheduler calls every minute: for most of that minute it
// chains new activity and audit rows every second, so the chain is never more than about a second behind
// (a one-minute schedule alone would leave rows unsealed for up to a minute). Overlapping runs
// are harmless: one sealer holds the chain at a time and the other finds nothing to do.
import { AuditChainAnchorer } from "../audit/audit-anchors.ts";
import { createAuditAnchorStore } from "../audit/create-audit-anchor-store.ts";
import { sealActivityChain, sealAuditChain } from "../audit/seal-audit-chain.ts";
import { systemClock } from "../clock/clock.ts";
import { loadEnvironment } from "../config/environment.ts";
import { linkedEnvironment } from "../config/linked-resources.ts";
import { createDatabaseClient } from "../db/prisma-client.ts";
import { SEAL_INTERVAL_MS } from "../runtime/audit-sealer.ts";
import { runReported } from "./job-report.ts";

/** Seals for this long, then returns well inside the function's one-minute timeout. */
const RUN_FOR_MS = 55_000;

export function createAuditSealHandler(options: { runForMs?: number; intervalMs?: number } = {}) {
  const runForMs = options.runForMs ?? RUN_FOR_MS;
  const intervalMs = options.intervalMs ?? SEAL_INTERVAL_MS;
  return () =>
    runReported("audit-seal", async () => {
      const environment = loadEnvironment(linkedEnvironment());
      const { prisma } = createDatabaseClient(environment.DATABASE_URL, { maxConnections: 1 });
      // The anchors go to the stage's object-locked bucket; a stage without one (a preview) seals only.
      const anchorer = environment.AUDIT_ANCHOR_BUCKET
        ? new AuditChainAnchorer(createAuditAnchorStore(environment), systemClock)
        : undefined;
      const started = performance.now();
      let sealed = 0;
      let activitySealed = 0;
      let rounds = 0;
      let anchored = 0;
      try {
        for (;;) {
          activitySealed += await sealActivityChain(prisma);
          sealed += await sealAuditChain(prisma);
          if (await anchorer?.anchor(prisma)) anchored += 1;
          rounds += 1;
          const elapsed = performance.now() - started;
          if (elapsed + intervalMs >= runForMs) break;
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
        console.log(JSON.stringify({ event: "audit_sealed", sealed, activitySealed, rounds, anchored }));
        return { sealed, activitySealed, rounds, anchored };
      } finally {
        await prisma.$disconnect();
      }
    });
}

export const handler = createAuditSealHandler();
