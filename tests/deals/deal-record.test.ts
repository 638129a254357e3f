// The deal record (issue 28, section 5): a deal's whole history in one file that proves itself.
// Each audit row in it hashes to the hash the chain holds; the heads of terms are the bytes the
// deal and both signatures name; the anchor it carries was written outside the database. Editing
// the file, or the database behind it, is caught.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { anchorKey, listAuditAnchors } from "../../functions/audit/audit-anchors.ts";
import { sealAuditChain } from "../../functions/audit/seal-audit-chain.ts";
import { auditRowHash, checkDealRecordFile, verifyDealRecord } from "../../functions/audit/verify-deal-record.ts";
import { type DealRecord, exportDealRecord } from "../../functions/deals/export-deal-record.ts";
import { runForRequest } from "../../functions/requests/run-for-request.ts";
import { LocalDiskStorage } from "../../functions/storage/local-disk-storage.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { attempt, codeOf, useSeededUseCases } from "../support/use-case-request.ts";

const seeded = useSeededUseCases();
const DEAL = stableId("deal-1"); // business-3, in exclusivity (prisma/seed/seed-deals.ts)
const BUYER = "sarah.whitfield@midlandsindustrial.co.uk";

async function exported(anchors: LocalDiskStorage): Promise<DealRecord> {
  const buyer = await seeded.as(BUYER);
  return runForRequest(buyer, () =>
    exportDealRecord({ ...seeded.deps, auditAnchors: anchors }, { dealId: DEAL }, buyer),
  );
}
const copy = (record: DealRecord): DealRecord => JSON.parse(JSON.stringify(record));

describe("the deal record", () => {
  it("holds every change to the deal's rows in chain order, with the PDF and the newest anchor", async () => {
    const anchors = new LocalDiskStorage(mkdtempSync(join(tmpdir(), "anchors-")), { appendOnly: true });
    await sealAuditChain(seeded.db.prisma);
    const [head] = await seeded.db.query<{ chain_id: string; last_id: string; last_hash: string }>(
      "SELECT chain_id::text, last_id::text, last_hash FROM audit_chain",
    );
    await anchors.create(
      anchorKey({ chainId: head!.chain_id, position: head!.last_id, hash: head!.last_hash }),
      new Uint8Array(),
      "text/plain",
    );
    const record = await exported(anchors);
    expect(record.deal).toMatchObject({ id: DEAL, status: "EXCLUSIVE" });
    expect(record.offer.versions.map((version) => version.number)).toEqual([1, 2]);
    expect(record.signatures.map((signature) => signature.party)).toEqual(["BUYER", "SELLER"]);
    const tables = new Set(record.audit.rows.map((row) => row.table));
    expect(tables).toEqual(new Set(["offers", "offer_versions", "deals", "deal_signatures", "exclusivities"]));
    const positions = record.audit.rows.map((row) => BigInt(row.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(record.audit.anchor).toEqual({ position: head!.last_id, hash: head!.last_hash });
    expect(record.audit.head).toEqual({ position: head!.last_id, hash: head!.last_hash });
    expect(record.audit.chainId).toBe(head!.chain_id);
    expect([record.format, record.version]).toEqual(["exitmatch-deal-record", 1]);
    // The file proves itself: every row's hash recomputes, the PDF is the signed one.
    expect(checkDealRecordFile(record)).toEqual([]);
    for (const row of record.audit.rows) expect(auditRowHash(row)).toBe(row.hash);
    const known = await listAuditAnchors(anchors, head!.chain_id);
    expect(await verifyDealRecord(seeded.db.url, known, record)).toMatchObject({
      ok: true,
      problems: [],
      rowsAfterAnchor: 0,
    });
  });

  it("holds this deal's offer and signatures only, for the seller too, who sees every offer on the listing", async () => {
    const anchors = new LocalDiskStorage(mkdtempSync(join(tmpdir(), "anchors-")), { appendOnly: true });
    const seller = await seeded.as("rajesh.patel@patelprecision.co.uk");
    const record = await runForRequest(seller, () =>
      exportDealRecord({ ...seeded.deps, auditAnchors: anchors }, { dealId: DEAL }, seller),
    );
    expect(record.offer.versions.map((version) => [version.number, version.proposedBy])).toEqual([
      [1, "BUYER"],
      [2, "SELLER"],
    ]);
    expect(record.signatures.map((signature) => signature.fullName)).toEqual(["Sarah Whitfield", "Rajesh Patel"]);
    const otherOffers = [stableId("offer-2"), stableId("offer-3")];
    expect(record.audit.rows.filter((row) => otherOffers.includes(row.rowId))).toEqual([]);
  });

  it("has no exclusivity rows for a deal without exclusivity", async () => {
    const anchors = new LocalDiskStorage(mkdtempSync(join(tmpdir(), "anchors-")), { appendOnly: true });
    const completed = stableId("deal-2");
    await seeded.db.prisma.exclusivity.delete({ where: { dealId: completed } });
    const buyer = await seeded.as("alistair.grant@highlandhospitality.co.uk");
    const record = await runForRequest(buyer, () =>
      exportDealRecord({ ...seeded.deps, auditAnchors: anchors }, { dealId: completed }, buyer),
    );
    expect(new Set(record.audit.rows.map((row) => row.table))).toEqual(
      new Set(["offers", "offer_versions", "deals", "deal_signatures"]),
    );
  });

  it("catches an edited file: a row's changes, the PDF, an anchor nobody wrote", async () => {
    const anchors = new LocalDiskStorage(mkdtempSync(join(tmpdir(), "anchors-")), { appendOnly: true });
    const record = await exported(anchors);
    expect(record.audit.anchor).toBeNull();
    const edited = copy(record);
    const row = edited.audit.rows.find((candidate) => candidate.table === "offer_versions")!;
    // One digit of the version's recorded values, changed.
    const before = row.changesText!;
    row.changesText = before.replace(/\d/, (digit) => String((Number(digit) + 1) % 10));
    expect(row.changesText).not.toBe(before);
    const pdf = Buffer.from(edited.headsOfTerms.pdfBase64, "base64");
    pdf[pdf.length - 10] = (pdf[pdf.length - 10]! + 1) % 256;
    edited.headsOfTerms.pdfBase64 = pdf.toString("base64");
    edited.audit.anchor = { position: edited.audit.head.position, hash: "f".repeat(64) };
    const report = await verifyDealRecord(seeded.db.url, [], edited);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `audit row ${row.position}: its fields no longer match its hash`,
        "the heads of terms PDF is not the one the deal names",
        "the BUYER signed another document",
        "the SELLER signed another document",
        `the anchor at position ${edited.audit.head.position} is not among those written outside the database`,
      ]),
    );
  });

  it("catches a database changed behind it, and is for the deal's parties only", async () => {
    const anchors = new LocalDiskStorage(mkdtempSync(join(tmpdir(), "anchors-")), { appendOnly: true });
    const record = await exported(anchors);
    const victim = record.audit.rows[0]!;
    await seeded.db.query("ALTER TABLE audit_logs DISABLE TRIGGER USER");
    try {
      await seeded.db.query("UPDATE audit_logs SET hash = repeat('0', 64) WHERE chain_position = $1", [
        victim.position,
      ]);
    } finally {
      await seeded.db.query("ALTER TABLE audit_logs ENABLE TRIGGER USER");
    }
    const report = await verifyDealRecord(seeded.db.url, [], record);
    expect(report.problems).toEqual([`audit row ${victim.position}: the chain holds another hash there`]);
    const bidder = await seeded.as("mark.jones@jonesretail.co.uk");
    const refused = await attempt(bidder, () =>
      exportDealRecord({ ...seeded.deps, auditAnchors: anchors }, { dealId: DEAL }, bidder),
    );
    expect(codeOf(refused)).toBe("not_found");
    const advisor = await seeded.as("harriet.cole@colebrokers.co.uk");
    expect(
      codeOf(
        await attempt(advisor, () =>
          exportDealRecord({ ...seeded.deps, auditAnchors: anchors }, { dealId: DEAL }, advisor),
        ),
      ),
    ).toBe("not_found");
  });
});
