import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { TableChecksum } from "./table-checksums.ts";

/** What a backup holds, written beside the dump; uploaded last, so a dump without one is unfinished. */
export interface BackupManifest {
  format: "exitmatch-backup";
  version: 1;
  database: string;
  kind: "full" | "tables";
  /** The tables a "tables" backup holds; null for a full backup. */
  tables: string[] | null;
  takenAt: string;
  serverVersion: string;
  pgDumpVersion: number;
  dumpBytes: number;
  dumpSha256: string;
  /** Migrations applied to the source when the backup was taken. */
  migrations: string[];
  /** Row count and checksum of each table, read in the same snapshot as the dump. */
  tableChecksums: Record<string, TableChecksum>;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
