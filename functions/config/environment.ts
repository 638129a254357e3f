import { z } from "zod";
import { fieldKeyringFrom } from "../crypto/field-keyring.ts";
import { ConfigError } from "../errors/config-error.ts";
import { EMBEDDED_DEFAULT_PORT } from "./embedded-database.ts";

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Pooled URL the app uses. Unset: the embedded PostgreSQL (development and tests only). */
  DATABASE_URL: optionalUrl,
  /** Direct URL for migrations. Defaults to DATABASE_URL when that is a direct postgres URL. */
  DIRECT_URL: optionalUrl,
  /** A read replica (a login of the exitmatch_readonly role) for search and analytics reads. */
  DATABASE_REPLICA_URL: optionalUrl,
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** HMAC key for access tokens. Required in production; development and tests use a fixed key. */
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * Field encryption keys, "<id>:<base64 32-byte key>" comma-separated; FIELD_ENCRYPTION_ACTIVE_KEY
   * (default: the first) encrypts. Required in production; development and tests use a public key.
   */
  FIELD_ENCRYPTION_KEYS: z.string().trim().min(1).optional(),
  FIELD_ENCRYPTION_ACTIVE_KEY: z.string().trim().min(1).optional(),
  /** HMAC key (base64, 32 bytes) for blind indexes of encrypted fields. Required with FIELD_ENCRYPTION_KEYS. */
  BLIND_INDEX_KEY: z.string().trim().min(1).optional(),
  /** Frontend origins allowed by CORS, comma-separated. */
  CORS_ORIGINS: z
    .string()
    .default("http://localhost:5173")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** Where links in emails point (verification, password reset). */
  APP_URL: z.url().default("http://localhost:5173"),
  /** This API's public address (one-click unsubscribe links point at it). Default: http://localhost:PORT. */
  API_URL: z
    .url()
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  /** Log every database query (noisy; for troubleshooting). */
  LOG_QUERIES: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /** Queries at least this slow are logged as warnings. */
  SLOW_QUERY_MS: z.coerce.number().int().min(0).default(100),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where uploaded documents go: local disk (development, tests) or an S3 bucket (the cloud). */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  /** The folder for STORAGE_DRIVER=local. */
  STORAGE_DIR: z.string().default(".data/storage"),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().default("eu-west-2"),
  /** Only for S3-compatible services other than AWS. */
  S3_ENDPOINT: z.url().optional(),
  /**
   * Where the audit chain's head is anchored outside the database (functions/audit/audit-anchors.ts):
   * an S3 bucket with object lock in the cloud; without one, this append-only folder.
   */
  AUDIT_ANCHOR_BUCKET: z.string().min(3).optional(),
  AUDIT_ANCHOR_DIR: z.string().default(".data/audit-anchors"),
  /** Where `npm run ops -- backup` writes: a folder or s3://bucket/prefix (default .data/backups). */
  BACKUP_LOCATION: z.string().trim().min(1).optional(),
  /**
   * Where e-mails go: "folder" writes each as a .eml file in MAILBOX_DIR (development's mailbox,
   * also printed), "console" only prints, "ses" sends through Amazon SES (required in production).
   * Default: folder in development, console in tests.
   */
  MAILER: z.enum(["folder", "console", "ses"]).optional(),
  MAILBOX_DIR: z.string().default(".data/mailbox"),
  /** The sender of every e-mail, an address SES has verified: "ExitMatch <notifications@exitmatch.co.uk>". */
  MAIL_FROM: z.string().trim().min(3).default("ExitMatch <notifications@exitmatch.co.uk>"),
  SES_REGION: z.string().default("eu-west-2"),
  /** An SES configuration set (bounce and complaint events), when there is one. */
  SES_CONFIGURATION_SET: z.string().trim().min(1).optional(),
  EMBEDDED_POSTGRES_DIR: z.string().default(".data/postgres"),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65_535).default(EMBEDDED_DEFAULT_PORT),
});

export type Environment = z.infer<typeof environmentSchema>;

/**
 * Reads and validates the process environment once. Errors name every bad variable on one
 * line each, so a misconfigured deploy fails at start with a readable message.
 */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const result = environmentSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join("; ")}`);
  }
  if (result.data.NODE_ENV === "production") {
    const missing = [
      !result.data.DATABASE_URL && "DATABASE_URL (the embedded database is for development)",
      !result.data.JWT_SECRET && "JWT_SECRET (development uses a public key)",
      !result.data.FIELD_ENCRYPTION_KEYS && "FIELD_ENCRYPTION_KEYS (development uses a public key)",
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`Required in production: ${missing.join("; ")}.`);
  }
  // Parse the keys now, so a malformed key stops the deploy at start, not at the first write.
  fieldKeyringFrom(result.data);
  return result.data;
}
