import type { PrismaClient } from "../../generated/prisma/client.ts";
import { ActivityAction } from "../activity/record-activity.ts";
import { sealActivityChain } from "../audit/seal-audit-chain.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import { loadDealRoomFor, requireRole } from "./deal-room-access.ts";

/** One view or download of a deal-room document, with what is needed to check it against the chain. */
export interface AccessLogEntry {
  id: string;
  occurredAt: string;
  kind: "view" | "download";
  user: { id: string | null; name: string | null };
  document: { id: string; fileName: string | null; version: number | null };
  ipAddress: string | null;
  userAgent: string | null;
  /** The row as the activity log's hash chain holds it (functions/activity/activity-row-hash.ts). */
  chain: {
    action: string;
    entityType: string | null;
    securityFlag: string | null;
    userId: string | null;
    metadataText: string | null;
    personalSalt: string | null;
    personalDigest: string;
    prevHash: string;
    hash: string;
  };
}

export interface AccessLogExport {
  dealRoomId: string;
  /** The chain's head when the export began (lastId is its chain position): every row of the export is at or before it. */
  chainHead: { lastId: string; lastHash: string };
  rows: AsyncGenerator<AccessLogEntry>;
}

const BATCH = 500;
const ACCESS_ACTIONS = [ActivityAction.documentViewed, ActivityAction.documentDownloaded];

interface Row {
  id: string;
  occurred_at: Date;
  action: string;
  entity_type: string | null;
  entity_id: string;
  security_flag: string | null;
  user_id: string | null;
  user_name: string | null;
  ip_address: string | null;
  user_agent: string | null;
  metadata_text: string | null;
  personal_salt: string | null;
  personal_digest: string;
  prev_hash: string;
  hash: string;
}

/**
 * The room's owner (or an admin) exports every view and download of the room's documents, oldest
 * first, with no limit, each row with its place in the activity log's hash chain.
 */
export async function exportAccessLog(
  deps: { prisma: PrismaClient },
  input: { dealRoomId: string },
  request: SignedInRequest,
): Promise<AccessLogExport> {
  const { prisma } = deps;
  const access = await loadDealRoomFor(prisma, input.dealRoomId, request.caller, request.receivedAt);
  requireRole(access, ["OWNER"], "export the access log");
  // Read as the caller (row-level security); deleted documents stay in the log, so they count.
  const documents = await prisma.document.findMany({
    where: { dealRoomId: access.room.id, deletedAt: undefined },
    select: { id: true, fileName: true, version: true },
  });
  return streamAccessLog(prisma, access.room.id, documents);
}
exportAccessLog.failures = ["not_found", "forbidden"] as const;

/**
 * Every view and download of `documents`, oldest first, with no limit: read in batches (keyset on
 * the log's id) as the caller consumes them, so a room with a million events streams in constant
 * memory. The log itself is read as it stands.
 */
async function streamAccessLog(
  prisma: PrismaClient,
  dealRoomId: string,
  documents: { id: string; fileName: string; version: number }[],
): Promise<AccessLogExport> {
  // Rows get their place in the chain from the sealer within about a second; sealing what is
  // waiting first makes the export cover everything recorded before it was asked for.
  await sealActivityChain(prisma);
  const [head] = await prisma.$queryRaw<{ last_id: string; last_hash: string }[]>`
    SELECT last_id::text, last_hash FROM activity_chain WHERE id = 1`;
  const byId = new Map(documents.map((document) => [document.id, document]));
  const ids = [...byId.keys()];
  const lastId = head?.last_id ?? "0";

  async function* rows(): AsyncGenerator<AccessLogEntry> {
    let after = "0";
    for (;;) {
      const batch =
        ids.length === 0
          ? []
          : await prisma.$queryRaw<Row[]>`
              SELECT a.id::text, a.occurred_at, a.action, a.entity_type, a.entity_id, a.security_flag,
                     a.user_id::text, u.name AS user_name, a.ip_address, a.user_agent, a.metadata::text AS metadata_text,
                     a.personal_salt, a.personal_digest, a.prev_hash, a.hash
              FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id
              WHERE a.entity_type = 'document' AND a.entity_id = ANY(${ids}::text[])
                AND a.action = ANY(${ACCESS_ACTIONS}::text[])
                AND a.id > ${after}::bigint AND a.chain_position <= ${lastId}::bigint
              ORDER BY a.id
              LIMIT ${BATCH}`;
      for (const row of batch) {
        const document = byId.get(row.entity_id);
        yield {
          id: row.id,
          occurredAt: row.occurred_at.toISOString(),
          kind: row.action === ActivityAction.documentDownloaded ? "download" : "view",
          user: { id: row.user_id, name: row.user_name },
          document: { id: row.entity_id, fileName: document?.fileName ?? null, version: document?.version ?? null },
          ipAddress: row.ip_address,
          userAgent: row.user_agent,
          chain: {
            action: row.action,
            entityType: row.entity_type,
            securityFlag: row.security_flag,
            userId: row.user_id,
            metadataText: row.metadata_text,
            personalSalt: row.personal_salt,
            personalDigest: row.personal_digest,
            prevHash: row.prev_hash,
            hash: row.hash,
          },
        };
      }
      if (batch.length < BATCH) return;
      after = batch.at(-1)!.id;
    }
  }

  return { dealRoomId, chainHead: { lastId, lastHash: head?.last_hash ?? "" }, rows: rows() };
}
