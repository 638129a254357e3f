import { describe, expect, it } from "vitest";
import { driverConnectionString, parseDatabaseUrl, redactDatabaseUrl } from "../../functions/db/database-url.ts";
import { ConfigError } from "../../functions/errors/config-error.ts";

describe("parseDatabaseUrl", () => {
  it.each([
    ["postgresql://app:secret@db.internal:5432/exitmatch?sslmode=require", "pg", false],
    ["postgres://app:secret@db.internal:6432/exitmatch?pgbouncer=true&sslmode=require", "pg", true],
    [
      "postgresql://app:secret@ep-quiet-sun-123456-pooler.eu-west-2.aws.neon.tech/exitmatch?sslmode=require",
      "neon",
      false,
    ],
    ["prisma://accelerate.prisma-data.net/?api_key=key123", "accelerate", false],
    ["prisma+postgres://accelerate.prisma-data.net/?api_key=key123", "accelerate", false],
  ] as const)("%s uses the %s driver (pgbouncer: %s)", (url, driver, pgbouncer) => {
    expect(parseDatabaseUrl("DATABASE_URL", url)).toMatchObject({ driver, pgbouncer });
  });

  it("reads ?schema=, defaulting to public", () => {
    expect(parseDatabaseUrl("DATABASE_URL", "postgresql://localhost/db?schema=app").schema).toBe("app");
    expect(parseDatabaseUrl("DATABASE_URL", "postgresql://localhost/db").schema).toBe("public");
  });

  it.each([
    [undefined, "DIRECT_URL is not set."],
    ["", "DIRECT_URL is not set."],
    ["not a url", "DIRECT_URL is not a valid URL (expected postgresql://user:password@host:5432/database)."],
    [
      "mysql://root@localhost/db",
      "DIRECT_URL must start with postgresql://, postgres://, prisma:// or prisma+postgres:// (got mysql://).",
    ],
    ["postgresql://localhost", "DIRECT_URL has no database name."],
    ["prisma://accelerate.prisma-data.net/", "DIRECT_URL is a Prisma Accelerate URL without an api_key parameter."],
  ])("rejects %j with a one-line message naming the variable", (value, message) => {
    const attempt = () => parseDatabaseUrl("DIRECT_URL", value);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(message).not.toContain("\n");
  });

  it("strips Prisma-only parameters before the URL reaches the driver", () => {
    const url = driverConnectionString("postgresql://u:p@h:5432/db?schema=app&pgbouncer=true&sslmode=require");
    expect(url).toBe("postgresql://u:p@h:5432/db?sslmode=require");
  });

  it("redacts passwords and API keys", () => {
    expect(redactDatabaseUrl("postgresql://app:s3cret@h/db")).toBe("postgresql://app:****@h/db");
    expect(redactDatabaseUrl("prisma://a.example/?api_key=abc")).toBe("prisma://a.example/");
  });
});

describe("TLS for non-local database URLs", () => {
  it.each([
    "postgresql://app:pw@db.example.com:5432/exitmatch",
    "postgresql://app:pw@10.0.3.7:5432/exitmatch?sslmode=prefer",
    "postgresql://app:pw@ep-quiet-sun-123456.eu-west-2.aws.neon.tech/exitmatch?sslmode=disable",
  ])("refuses %s with a one-line message", (url) => {
    expect(() => parseDatabaseUrl("DATABASE_URL", url)).toThrow(
      /DATABASE_URL points at .+, which is not this machine, without TLS: add \?sslmode=require/,
    );
  });

  it.each([
    "postgresql://app:pw@db.example.com:5432/exitmatch?sslmode=require",
    "postgresql://app:pw@db.example.com:5432/exitmatch?sslmode=verify-full",
    "postgresql://app:pw@localhost:5432/exitmatch",
    "postgresql://app:pw@127.0.0.1:6432/exitmatch?pgbouncer=true",
    "postgresql://app:pw@[::1]:5432/exitmatch",
    "postgresql://app@localhost/exitmatch?host=/var/run/postgresql",
    "prisma://accelerate.prisma-data.net/?api_key=key123",
  ])("accepts %s (TLS, loopback, a Unix socket, or Accelerate over HTTPS)", (url) => {
    expect(() => parseDatabaseUrl("DATABASE_URL", url)).not.toThrow();
  });
});
