import type { AuditChainAnchorer } from "../audit/audit-anchors.ts";
import { type SealerDatabase, sealActivityChain, sealAuditChain } from "../audit/seal-audit-chain.ts";

interface Logger {
  warn(object: object, message?: string): void;
}

/** How often the sealer looks for new rows: each chain is at most about this far behind. */
export const SEAL_INTERVAL_MS = 1000;

/**
 * Runs the audit sealer inside a long-lived process (`npm start`): every `intervalMs` it chains
 * the activity and audit rows committed since its last round, then anchors the chain's head outside the
 * database (`anchorer`). A failing round (the database restarting, the anchor store unreachable)
 * is logged and the next one tries again. In the cloud a scheduled function does the same for a
 * minute at a time (functions/jobs/audit-seal-handler.ts).
 */
export function startAuditSealer(
  deps: { prisma: SealerDatabase; logger: Logger; anchorer?: AuditChainAnchorer | undefined },
  options: { intervalMs?: number } = {},
) {
  const intervalMs = options.intervalMs ?? SEAL_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      await sealActivityChain(deps.prisma);
    } catch (error) {
      deps.logger.warn({ err: error, event: "activity_seal_failed" }, "sealing the activity chain failed; retrying");
    }
    try {
      await sealAuditChain(deps.prisma);
    } catch (error) {
      deps.logger.warn({ err: error, event: "audit_seal_failed" }, "sealing the audit chain failed; retrying");
      return;
    }
    try {
      await deps.anchorer?.anchor(deps.prisma);
    } catch (error) {
      deps.logger.warn({ err: error, event: "audit_anchor_failed" }, "anchoring the audit chain failed; retrying");
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    /** Stops after the round in progress, and seals once more so nothing is left waiting. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await round();
    },
  };
}
