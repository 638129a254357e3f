import type { PrismaClient } from "../../generated/prisma/client.ts";
import { listAuditAnchors } from "../audit/audit-anchors.ts";
import type { DealRecordAuditRow, DealRecordFile } from "../audit/deal-record-file.ts";
import { sealAuditChain } from "../audit/seal-audit-chain.ts";
import type { SignedInRequest } from "../requests/request-context.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { loadDealFor } from "./deal-access.ts";
import type { DealDetails } from "./deal-details.ts";
import { headsOfTermsBytes } from "./download-heads-of-terms.ts";
import { readDealDetails } from "./read-deal-details.ts";

/** A deal's whole history in one file a solicitor can check (audit:verify -- --deal-record). */
export interface DealRecord extends DealRecordFile {
  format: "exitmatch-deal-record";
  version: 1;
  exportedAt: string;
  deal: DealDetails;
  offer: {
    id: string;
    versions: { number: number; proposedBy: string; terms: unknown; openUntil: Date; createdAt: Date }[];
  };
  signatures: {
    purpose: string;
    party: string;
    fullName: string;
    consentText: string;
    documentSha256: string;
    signedAt: Date;
  }[];
  headsOfTerms: { sha256: string; pdfBase64: string };
  audit: {
    chainId: string;
    /** Every change to the deal's rows (offer, versions, deal, signatures, exclusivity), in chain order. */
    rows: DealRecordAuditRow[];
    /** The chain's head when the record was taken: every row above is at or before it. */
    head: { position: string; hash: string };
    /**
     * The newest head written outside the database (S3 under Object Lock in the cloud), if any yet.
     * Rows after it are pinned by the next anchor, written within a minute of their seal.
     */
    anchor: { position: string; hash: string } | null;
  };
}

/**
 * The deal record (issue 28): every offer version, the heads of terms PDF and its signatures,
 * exclusivity, completion, and every audited change to those rows with its place in the audit
 * log's hash chain and the external anchor that pins the chain, so that someone who does not
 * trust ExitMatch can check nothing was altered afterwards. For the two parties, the listing's
 * advisor and admins; to anyone else the deal does not exist.
 */
export async function exportDealRecord(
  deps: { prisma: PrismaClient; storage: ObjectStorage; auditAnchors: Pick<ObjectStorage, "list"> },
  input: { dealId: string },
  request: SignedInRequest,
): Promise<DealRecord> {
  const { prisma } = deps;
  const { deal } = await loadDealFor(prisma, input.dealId, request.caller);
  // Chain what is committed, so the record's rows all have their place.
  await sealAuditChain(prisma);
  const [details, versions, signatures, pdf] = await Promise.all([
    readDealDetails(prisma, deal),
    prisma.offerVersion.findMany({ where: { offerId: deal.offerId }, orderBy: { number: "asc" } }),
    prisma.dealSignature.findMany({ where: { dealId: deal.id }, orderBy: { signedAt: "asc" } }),
    headsOfTermsBytes(deps, deal),
  ]);
  const rowIds = [
    deal.offerId,
    deal.id,
    ...versions.map((version) => version.id),
    ...signatures.map((signature) => signature.id),
    ...(deal.exclusivity ? [deal.exclusivity.id] : []),
  ];
  const rows = await prisma.$queryRaw<DealRecordAuditRow[]>`
    SELECT chain_position::text AS position, id::text, table_name AS "table", row_id AS "rowId", action::text,
           changed_columns AS "changedColumns", changes::text AS "changesText", actor_user_id::text AS "actorUserId",
           request_id AS "requestId", db_role AS "dbRole",
           ((extract(epoch FROM occurred_at) * 1000000)::bigint)::text AS "occurredAtMicros", prev_hash AS "prevHash", hash
    FROM audit_logs
    WHERE table_name IN ('offers', 'offer_versions', 'deals', 'deal_signatures', 'exclusivities')
      AND row_id = ANY(${rowIds}) AND chain_position IS NOT NULL
    ORDER BY chain_position`;
  const [head] = await prisma.$queryRaw<{ chainId: string; position: string; hash: string }[]>`
    SELECT chain_id::text AS "chainId", last_id::text AS position, last_hash AS hash FROM audit_chain WHERE id = 1`;
  const anchor = (await listAuditAnchors(deps.auditAnchors, head!.chainId)).at(-1) ?? null;
  return {
    format: "exitmatch-deal-record",
    version: 1,
    exportedAt: request.receivedAt.toISOString(),
    deal: details,
    offer: {
      id: deal.offerId,
      versions: versions.map((version) => ({
        number: version.number,
        proposedBy: version.proposedBy,
        terms: version.terms,
        openUntil: version.openUntil,
        createdAt: version.createdAt,
      })),
    },
    signatures: signatures.map((signature) => ({
      purpose: signature.purpose,
      party: signature.party,
      fullName: signature.fullName,
      consentText: signature.consentText,
      documentSha256: signature.documentSha256,
      signedAt: signature.signedAt,
    })),
    headsOfTerms: { sha256: deal.headsOfTermsSha256, pdfBase64: Buffer.from(pdf).toString("base64") },
    audit: {
      chainId: head!.chainId,
      rows,
      head: { position: head!.position, hash: head!.hash },
      anchor: anchor && { position: anchor.position, hash: anchor.hash },
    },
  };
}
exportDealRecord.failures = ["not_found"] as const;
