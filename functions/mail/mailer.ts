/** An email the platform sends (verification, password reset, notifications). */
export interface Email {
  to: string;
  subject: string;
  text: string;
  /**
   * The same for every delivery attempt of one message (the outbox retries at least once):
   * a mailer that has sent a key already must not send it again.
   */
  idempotencyKey: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string> | undefined;
}

/** Where emails go: printed in development, captured in tests, a provider in production. */
export interface Mailer {
  send(email: Email): Promise<void>;
}

/** Development: prints the email, links included, to stdout (once per idempotency key). */
export class ConsoleMailer implements Mailer {
  private readonly sent = new Set<string>();
  async send(email: Email) {
    if (this.sent.has(email.idempotencyKey)) return;
    this.sent.add(email.idempotencyKey);
    process.stdout.write(`\n--- email to ${email.to}: ${email.subject}\n${email.text}\n---\n`);
  }
}

/** Tests: keeps what was sent, once per idempotency key. */
export class MemoryMailer implements Mailer {
  readonly sent: Email[] = [];
  async send(email: Email) {
    if (this.sent.some((sent) => sent.idempotencyKey === email.idempotencyKey)) return;
    this.sent.push(email);
  }
}
