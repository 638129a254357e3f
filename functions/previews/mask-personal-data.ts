import type pg from "pg";
import type { EncryptedColumn, FieldCipher } from "../crypto/field-cipher.ts";
import { EMPTIED_TABLES, type Masking, PERSONAL_COLUMNS } from "../gdpr/personal-data.ts";

export interface MaskingReport {
  /** `table.column` -> rows whose value was replaced. */
  masked: Record<string, number>;
  /** Tables emptied. */
  emptied: string[];
}

/** The SQL that replaces a value of this kind, from the row's own id (so it is stable and unique). */
const REPLACEMENT: Partial<Record<Masking, (column: string) => string>> = {
  email: () => `'person-' || id::text || '@example.invalid'`,
  "person-name": () => `'Person ' || left(id::text, 8)`,
  "free-text": (column) =>
    `CASE WHEN length(${column}) = 0 THEN ${column}
          ELSE left(repeat('Masked for previews. ', length(${column}) / 21 + 1), length(${column})) END`,
  "ip-address": () => `'192.0.2.' || (abs(hashtext(id::text)) % 250 + 1)`,
  "user-agent": () => `'masked-for-previews'`,
  "file-name": (column) =>
    `'document-' || left(id::text, 8) || coalesce(substring(${column} from '\\.[A-Za-z0-9]{1,8}$'), '')`,
  // 99 + six digits: well-formed (the CHECK constraint holds), and Companies House issues none.
  "company-number": () => `'99' || lpad((abs(hashtext(id::text)) % 1000000)::text, 6, '0')`,
  postcode: () => `'ZZ99 9ZZ'`,
  "place-name": () => `'Preview Town'`,
  "business-name": () => `'Business ' || left(id::text, 8)`,
  null: () => "NULL",
};

/** Made-up values for encrypted columns, of the kind the column holds. */
const ENCRYPTED_STAND_INS: Record<string, string> = {
  "advisor_profiles.aml_registration_number": "XMLA00000000",
  "inquiries.nda_accepted_ip": "192.0.2.1",
  "deal_signatures.ip_address": "192.0.2.1",
};

/** Triggers that keep evidence from changing, switched off while a copy is masked: [table, trigger]. */
const EVIDENCE_TRIGGERS = [["deal_signatures", "deal_signatures_immutable"]] as const;

/**
 * Turns a copy of production into one that holds nobody's personal data, keeping every row (the
 * shape and volume that make a preview realistic): each personal column (functions/gdpr/
 * personal-data.ts) is replaced as its masking says; encrypted ones are re-encrypted, as
 * stand-ins, under the preview's key; every account gets the preview password; credentials,
 * logs and queues are emptied, and the hash chains start afresh. One transaction: a failure
 * leaves the copy as it was (and it is then not used). Connect as the owner of the copy: it
 * switches the log tables' triggers off to empty them.
 */
export async function maskPersonalData(
  client: pg.ClientBase,
  preview: { cipher: FieldCipher; passwordHash: string },
  onProgress: (message: string) => void = () => {},
): Promise<MaskingReport> {
  const report: MaskingReport = { masked: {}, emptied: [] };
  await client.query("BEGIN");
  try {
    // Signatures are evidence and refuse to change (migration offers_and_deals); in a copy for
    // previews the names, addresses and browsers in them are masked like any other.
    for (const [table, trigger] of EVIDENCE_TRIGGERS)
      await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER ${trigger}`);
    for (const [name, { mask }] of Object.entries(PERSONAL_COLUMNS)) {
      const [table, column] = name.split(".") as [string, string];
      let rows: number;
      if (mask === "encrypted") {
        rows = await reencrypt(client, table, column, preview.cipher);
      } else if (mask === "preview-password") {
        rows = (await client.query(`UPDATE "${table}" SET "${column}" = $1`, [preview.passwordHash])).rowCount ?? 0;
      } else {
        const replacement = REPLACEMENT[mask]!(`"${column}"`);
        rows =
          (await client.query(`UPDATE "${table}" SET "${column}" = ${replacement} WHERE "${column}" IS NOT NULL`))
            .rowCount ?? 0;
      }
      report.masked[name] = rows;
      onProgress(`masked ${name}: ${rows} rows`);
    }
    for (const [table, trigger] of EVIDENCE_TRIGGERS)
      await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER ${trigger}`);
    // Last, so the audit rows the masking itself wrote go too.
    const tables = Object.keys(EMPTIED_TABLES).filter((table) => !table.endsWith("_chain"));
    // The chains' deferred head triggers must run before their tables can be altered.
    await client.query("SET CONSTRAINTS ALL IMMEDIATE");
    for (const table of ["audit_logs", "activity_logs"])
      await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${tables.map((table) => `"${table}"`).join(", ")}`);
    for (const table of ["audit_logs", "activity_logs"])
      await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
    await client.query("UPDATE audit_chain SET last_id = 0, last_hash = '', anchor_id = 0, anchor_hash = ''");
    await client.query("UPDATE activity_chain SET last_id = 0, last_hash = ''");
    report.emptied = tables;
    onProgress(`emptied ${tables.join(", ")}`);
    await client.query("COMMIT");
    return report;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function reencrypt(client: pg.ClientBase, table: string, column: string, cipher: FieldCipher) {
  const name = `${table}.${column}`;
  const { rows } = await client.query<{ id: string }>(
    `SELECT id::text FROM "${table}" WHERE "${column}" IS NOT NULL ORDER BY id`,
  );
  for (const { id } of rows) {
    await client.query(`UPDATE "${table}" SET "${column}" = $1 WHERE id = $2`, [
      cipher.encrypt(name as EncryptedColumn, ENCRYPTED_STAND_INS[name] ?? "masked"),
      id,
    ]);
  }
  return rows.length;
}
