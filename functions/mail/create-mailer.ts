import type { Clock } from "../clock/clock.ts";
import type { Environment } from "../config/environment.ts";
import { ConfigError } from "../errors/config-error.ts";
import { FolderMailer } from "./folder-mailer.ts";
import { ConsoleMailer, type Email, type Mailer } from "./mailer.ts";
import { SesMailer } from "./ses-mailer.ts";

/** Prints a delivered e-mail, links included, with where its .eml file is. */
function printDelivered(email: Email, path: string) {
  process.stdout.write(`\n--- email to ${email.to}: ${email.subject}\n(${path})\n${email.text}\n---\n`);
}

/**
 * The mailer the configuration asks for. In production it must be SES, with API_URL set (the
 * unsubscribe links point there): checked here, at the start of every process that sends.
 */
export function createMailer(environment: Environment, clock: Clock): Mailer {
  const kind = environment.MAILER ?? (environment.NODE_ENV === "development" ? "folder" : "console");
  if (environment.NODE_ENV === "production") {
    const missing = [
      kind !== "ses" && "MAILER=ses (e-mails must reach people; folder and console are for development)",
      !environment.API_URL && "API_URL (the unsubscribe links in e-mails point at it)",
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`Required in production to send e-mail: ${missing.join("; ")}.`);
  }
  switch (kind) {
    case "ses":
      return new SesMailer({
        from: environment.MAIL_FROM,
        region: environment.SES_REGION,
        configurationSet: environment.SES_CONFIGURATION_SET,
      });
    case "folder":
      return new FolderMailer(environment.MAILBOX_DIR, clock, {
        from: environment.MAIL_FROM,
        onDelivered: printDelivered,
      });
    case "console":
      return new ConsoleMailer();
  }
}
