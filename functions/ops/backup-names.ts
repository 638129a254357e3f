/** A backup is two files: the dump and its manifest (what it holds, checksums, how it was made). */
export interface BackupName {
  /** The dump's file name; the manifest is the same with `.json`. */
  dump: string;
  manifest: string;
  database: string;
  takenAt: Date;
  /** "full", or "tables" for a backup of selected tables. */
  kind: "full" | "tables";
}

const PATTERN = /^(.+)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(-tables)?\.dump$/;

/** `exitmatch-20261125T031500Z.dump`: sorts by time, names the database, says if partial. */
export function backupName(database: string, takenAt: Date, kind: "full" | "tables"): BackupName {
  const stamp = takenAt
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const dump = `${database}-${stamp}${kind === "tables" ? "-tables" : ""}.dump`;
  return {
    dump,
    manifest: `${dump}.json`,
    database,
    takenAt: new Date(takenAt.getTime() - takenAt.getMilliseconds()),
    kind,
  };
}

/** The backup a dump file name describes, or undefined for any other file. */
export function parseBackupName(fileName: string): BackupName | undefined {
  const match = PATTERN.exec(fileName);
  if (!match) return undefined;
  const [, database, year, month, day, hour, minute, second, tables] = match;
  const takenAt = new Date(Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!));
  return {
    dump: fileName,
    manifest: `${fileName}.json`,
    database: database!,
    takenAt,
    kind: tables ? "tables" : "full",
  };
}
