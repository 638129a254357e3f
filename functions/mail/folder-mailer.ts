import { randomUUID } from "node:crypto";
import { link, mkdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock/clock.ts";
import type { Email, Mailer } from "./mailer.ts";
import { mimeMessage } from "./mime-message.ts";

/** The file one message is kept in: its idempotency key, made safe as a file name. */
export function mailboxFileName(idempotencyKey: string): string {
  return `${idempotencyKey.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;
}

/**
 * Development's mailbox: each message becomes one .eml file in a folder (open it in any mail
 * client, or read it as text). Exactly once per idempotency key, across restarts and processes:
 * the message is written under a temporary name and then hard-linked to its key's name, which
 * fails if that name exists; so a dispatcher that died after delivering, and delivers again,
 * leaves one file, and a half-written file is never seen.
 */
export class FolderMailer implements Mailer {
  constructor(
    private readonly folder: string,
    private readonly clock: Clock,
    private readonly options: { from: string; onDelivered?: (email: Email, path: string) => void } = {
      from: "ExitMatch <notifications@exitmatch.co.uk>",
    },
  ) {}

  async send(email: Email): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const path = join(this.folder, mailboxFileName(email.idempotencyKey));
    const temporary = join(this.folder, `.${randomUUID()}.tmp`);
    await writeFile(temporary, mimeMessage(email, { from: this.options.from, date: this.clock.now() }));
    let delivered = false;
    try {
      await link(temporary, path);
      delivered = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await unlink(temporary);
    }
    // Only once the folder holds nothing but the message: a process that dies right after it
    // says "delivered" leaves no temporary file behind.
    if (delivered) this.options.onDelivered?.(email, path);
  }
}
