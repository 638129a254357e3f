import { describe, expect, it } from "vitest";
import { fixedClock } from "../../functions/clock/clock.ts";
import { loadEnvironment } from "../../functions/config/environment.ts";
import { ConfigError } from "../../functions/errors/config-error.ts";
import { createMailer } from "../../functions/mail/create-mailer.ts";
import { FolderMailer } from "../../functions/mail/folder-mailer.ts";
import { SesMailer } from "../../functions/mail/ses-mailer.ts";

const clock = fixedClock("2026-11-25T12:00:00Z");
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app@db.example.test/exitmatch",
  JWT_SECRET: "a-secret-for-this-test-only-32-characters-long",
  FIELD_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 3).toString("base64")}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 4).toString("base64"),
};

describe("the mailer the configuration asks for", () => {
  it("is the development mailbox in development, SES when asked", () => {
    expect(createMailer(loadEnvironment({ NODE_ENV: "development" }), clock)).toBeInstanceOf(FolderMailer);
    const ses = loadEnvironment({ ...production, MAILER: "ses", API_URL: "https://api.exitmatch.co.uk/" });
    expect(createMailer(ses, clock)).toBeInstanceOf(SesMailer);
    expect(ses.API_URL).toBe("https://api.exitmatch.co.uk");
  });

  it("refuses to start in production without SES and the API's address, naming both", () => {
    const start = () => createMailer(loadEnvironment({ ...production, MAILER: "folder" }), clock);
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/MAILER=ses.*API_URL/);
    expect(() => loadEnvironment({ NODE_ENV: "development", MAILER: "pigeon" })).toThrow(/MAILER/);
  });
});
