import type { SESv2Client } from "@aws-sdk/client-sesv2";
import type { Email, Mailer } from "./mailer.ts";

// Loaded on the first send: processes that never send (the API, which only queues e-mails) do
// not load the SDK, and a bundle can leave it to the Lambda runtime, which provides it.
let sdk: Promise<typeof import("@aws-sdk/client-sesv2")> | undefined;
const loadSdk = () => {
  sdk ??= import("@aws-sdk/client-sesv2");
  return sdk;
};

/**
 * Production: sends through Amazon SES (v2 API) from a verified sender. SES has no idempotency
 * key, so a dispatcher that dies between SES accepting a message and the outbox marking it sent
 * sends it once more (the outbox's lease makes that rare); the key travels in a header so a
 * duplicate can be recognised.
 */
export class SesMailer implements Mailer {
  private client: SESv2Client | undefined;

  constructor(private readonly options: { from: string; region: string; configurationSet?: string | undefined }) {}

  async send(email: Email): Promise<void> {
    const { SESv2Client, SendEmailCommand } = await loadSdk();
    this.client ??= new SESv2Client({ region: this.options.region });
    const headers = { ...(email.headers ?? {}), "X-ExitMatch-Message-Key": email.idempotencyKey };
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: [email.to] },
        ConfigurationSetName: this.options.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: "UTF-8" },
            Body: { Text: { Data: email.text, Charset: "UTF-8" } },
            Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })),
          },
        },
      }),
    );
  }
}
