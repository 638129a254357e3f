/** An email the platform sends (verification, password reset). */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Where emails go: printed in development, captured in tests, a provider in production. */
export interface Mailer {
  send(email: Email): Promise<void>;
}

/** Development: prints the email, links included, to stdout. */
export class ConsoleMailer implements Mailer {
  async send(email: Email) {
    process.stdout.write(`\n--- email to ${email.to}: ${email.subject}\n${email.text}\n---\n`);
  }
}

/** Tests: keeps what was sent. */
export class MemoryMailer implements Mailer {
  readonly sent: Email[] = [];
  async send(email: Email) {
    this.sent.push(email);
  }
}
