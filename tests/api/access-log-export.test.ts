// A deal room's owner exports the complete access log (who saw which document, when, from
// where), with no row limit, in CSV or JSON, and can prove it against the activity chain.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { activityPersonalDigest, activityRowHash } from "../../functions/activity/activity-row-hash.ts";
import { type AccessLogExportFile, verifyAccessLogExport } from "../../functions/audit/verify-access-log-export.ts";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call } from "../support/api-client.ts";
import { REPO_ROOT } from "../support/prisma-cli.ts";
import { runCommand } from "../support/run-command.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import type { TestDatabase } from "../support/test-database.ts";

const ROOM = stableId("inquiry-1:room");

describe("access-log export", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];
  let token: SeededApp["token"];
  let documentId: string;

  beforeAll(async () => {
    ({ db, app, token } = seeded);
    const form = new FormData();
    form.set("file", new File(["%PDF-1.7\nHeads of terms"], "heads-of-terms.pdf", { type: "application/pdf" }));
    const uploaded = await app.request(`/deal-rooms/${ROOM}/documents`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token("ownerSeller")}` },
    });
    documentId = ((await uploaded.json()) as { id: string }).id;
    const path = `/deal-rooms/${ROOM}/documents/${documentId}`;
    await call(app, "GET", path, { token: token("buyerWithNda"), address: "203.0.113.21" });
    await call(app, "GET", `${path}/content`, {
      token: token("buyerWithNda"),
      address: "203.0.113.21",
      headers: { "user-agent": '=HYPERLINK("http://evil.example")' },
    });
    await call(app, "GET", path, { token: token("advisorOnDeal"), address: "203.0.113.22" });
  });

  const exportAs = (actor: Parameters<SeededApp["token"]>[0], format: "json" | "csv") =>
    call(app, "GET", `/deal-rooms/${ROOM}/access-log/export?format=${format}`, { token: token(actor) });

  it("gives the owner every view and download: who, which document and version, when, from where", async () => {
    const response = await exportAs("ownerSeller", "json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="access-log-${ROOM}.json"`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const file = (await response.json()) as AccessLogExportFile;
    expect(response.headers.get("x-activity-chain-head")).toBe(`${file.chainHead.lastId}:${file.chainHead.lastHash}`);
    const ours = file.rows.filter((row) => row.document.id === documentId);
    expect(
      ours.map((row) => [row.kind, row.user.name, row.document.fileName, row.document.version, row.ipAddress]),
    ).toEqual([
      ["view", "Tom Bradshaw", "heads-of-terms.pdf", 1, "203.0.113.21"],
      ["download", "Tom Bradshaw", "heads-of-terms.pdf", 1, "203.0.113.21"],
      ["view", "Harriet Cole", "heads-of-terms.pdf", 1, "203.0.113.22"],
    ]);
    // Oldest first, each row checkable: its fields hash to the hash it carries.
    expect(file.rows.map((row) => BigInt(row.id))).toEqual(
      [...file.rows.map((row) => BigInt(row.id))].sort((a, b) => (a < b ? -1 : 1)),
    );
    for (const row of ours) {
      const chained = {
        ...row.chain,
        id: row.id,
        occurredAt: new Date(row.occurredAt),
        entityId: row.document.id,
        ipAddress: row.ipAddress,
        userAgent: row.userAgent,
      };
      expect(activityPersonalDigest(chained)).toBe(row.chain.personalDigest);
      expect(activityRowHash(chained)).toBe(row.chain.hash);
    }
    expect(await verifyAccessLogExport(db.url, file)).toEqual({ ok: true, checked: file.rows.length, problems: [] });
  });

  it("streams every row, with no limit", async () => {
    await db.query(
      `INSERT INTO activity_logs (user_id, action, entity_type, entity_id, ip_address, metadata, occurred_at)
       SELECT $1::uuid, 'document.viewed', 'document', $2, '198.51.100.' || (n % 250), jsonb_build_object('dealRoomId', $3::text), now()
       FROM generate_series(1, 2500) AS n`,
      [stableId("buyer-1"), documentId, ROOM],
    );
    const file = (await (await exportAs("ownerSeller", "json")).json()) as AccessLogExportFile;
    expect(file.rows.filter((row) => row.document.id === documentId)).toHaveLength(2503);
    const csv = await (await exportAs("admin", "csv")).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,occurred_at,kind,user_id,user_name,document_id,file_name,version,ip_address,user_agent,action," +
        "entity_type,security_flag,metadata,personal_salt,personal_digest,prev_hash,hash",
    );
    expect(lines).toHaveLength(file.rows.length + 1);
    // A value a spreadsheet would run as a formula is defused.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it("is refused to the room's other members and to outsiders", async () => {
    expect((await exportAs("advisorOnDeal", "json")).status).toBe(403);
    expect((await exportAs("buyerWithNda", "csv")).status).toBe(403);
    expect((await exportAs("otherSeller", "json")).status).toBe(404);
  });

  it("shows an edited export, and an edited database, as not matching; audit:verify --export checks a file", async () => {
    const file = (await (await exportAs("ownerSeller", "json")).json()) as AccessLogExportFile;
    const path = join(REPO_ROOT, ".data", `access-log-export-${process.pid}.json`);
    await writeFile(path, JSON.stringify(file));
    const cli = await runCommand("functions/cli/audit-verify.ts", ["--export", path], {
      DATABASE_URL: db.url,
      DIRECT_URL: db.url,
    });
    expect(cli.output).toMatch(/Access-log export intact: \d+ rows match the chain\./);
    expect(cli.code).toBe(0);

    const edited = structuredClone(file);
    const target = edited.rows.find((row) => row.document.id === documentId)!;
    target.ipAddress = "192.0.2.200";
    expect((await verifyAccessLogExport(db.url, edited)).problems).toEqual([
      `row ${target.id}: its personal fields were changed in the export`,
    ]);
    const forged = structuredClone(file);
    forged.rows.find((row) => row.id === target.id)!.occurredAt = "2020-01-01T00:00:00.000Z";
    expect((await verifyAccessLogExport(db.url, forged)).problems).toEqual([
      `row ${target.id}: its fields no longer match its hash in the export`,
    ]);

    // Someone with the database's keys rewrites the row (and its hash) after the export.
    await db.query(
      `SET session_replication_role = replica;
       UPDATE activity_logs SET ip_address = '192.0.2.201', hash = repeat('0', 64) WHERE id = ${target.id};
       SET session_replication_role = origin`,
    );
    expect((await verifyAccessLogExport(db.url, file)).problems).toEqual([
      `row ${target.id}: the database holds another hash`,
    ]);
  });
});
