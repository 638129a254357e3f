import { describe, expect, it } from "vitest";
import { resolveDirectUrl } from "../../functions/db/direct-url.ts";

describe("resolveDirectUrl (which URL migrations use)", () => {
  it("uses DIRECT_URL when set", () => {
    expect(
      resolveDirectUrl({
        DATABASE_URL: "postgresql://h:6432/db?pgbouncer=true&sslmode=require",
        DIRECT_URL: "postgresql://h:5432/db?sslmode=require",
      }),
    ).toBe("postgresql://h:5432/db?sslmode=require");
  });

  it("falls back to a direct DATABASE_URL", () => {
    expect(resolveDirectUrl({ DATABASE_URL: "postgresql://h:5432/db?sslmode=require", DIRECT_URL: undefined })).toBe(
      "postgresql://h:5432/db?sslmode=require",
    );
  });

  it.each([
    [
      "postgresql://h:6432/db?pgbouncer=true&sslmode=require",
      "DIRECT_URL is not set; migrations need a direct connection when DATABASE_URL is pooled.",
    ],
    [
      "prisma://accelerate.prisma-data.net/?api_key=k",
      "DIRECT_URL is not set; migrations need a direct connection when DATABASE_URL is pooled.",
    ],
    [
      "mysql://root@localhost/db",
      "DATABASE_URL must start with postgresql://, postgres://, prisma:// or prisma+postgres:// (got mysql://).",
    ],
  ])("refuses DATABASE_URL=%s without a DIRECT_URL", (url, message) => {
    expect(() => resolveDirectUrl({ DATABASE_URL: url, DIRECT_URL: undefined })).toThrow(message);
  });

  it("refuses a pooled DIRECT_URL", () => {
    expect(() =>
      resolveDirectUrl({
        DATABASE_URL: "postgresql://h/db?sslmode=require",
        DIRECT_URL: "postgresql://h:6432/db?pgbouncer=true&sslmode=require",
      }),
    ).toThrow("DIRECT_URL must be a direct postgresql:// connection");
  });
});
