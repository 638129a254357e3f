import type { Environment } from "../../config/environment.ts";
import type { BackupStore } from "../../ops/backup-store.ts";
import type { OPS_OPTIONS } from "./ops-options.ts";

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 2, missingTool: 3 } as const;

/** What one `npm run ops -- <command>` gets to work with. */
export interface OpsContext {
  values: OpsValues;
  environment: Environment;
  store: BackupStore;
  /** The database's direct URL; empty for commands that need no database. */
  url: string;
  /** A result line, on stdout. */
  say(message: string): void;
  /** A progress line, on stderr, so results can be piped. */
  progress(message: string): void;
}

export type OpsValues = {
  [Name in keyof typeof OPS_OPTIONS]?: (typeof OPS_OPTIONS)[Name] extends { multiple: true }
    ? string[]
    : (typeof OPS_OPTIONS)[Name] extends { type: "boolean" }
      ? boolean
      : string;
};

/** One command of `npm run ops`: its --help and what it does. */
export interface OpsCommand {
  usage: string;
  /** False for commands that only touch the backup location. */
  needsDatabase: boolean;
  run(context: OpsContext): Promise<number>;
}

/** A command line that does not make sense; printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
