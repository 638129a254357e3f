import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../functions/clock/clock.ts";
import { FolderMailer, mailboxFileName } from "../../functions/mail/folder-mailer.ts";

const folder = mkdtempSync(join(tmpdir(), "exitmatch-folder-mailer-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the development mailbox", () => {
  const mailer = new FolderMailer(join(folder, "box"), fixedClock("2026-11-25T12:00:00Z"), {
    from: "ExitMatch <n@exitmatch.co.uk>",
  });
  const email = {
    to: "nina.park@parkventures.co.uk",
    subject: "Votre offre — accepted",
    text: "Line one\nLine two",
    idempotencyKey: "notification:1b2c/../x",
    headers: {
      "List-Unsubscribe": "<https://api.example.test/u?token=a>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };

  it("keeps one RFC 5322 file per idempotency key, however often it is sent, even at once", async () => {
    // Sent at once, the copies race for the name and one wins; identical, so which does not matter.
    await Promise.all([mailer.send(email), mailer.send(email), mailer.send(email)]);
    // A later delivery of the same key (a dispatcher that died after sending) changes nothing.
    await mailer.send({ ...email, subject: "a later copy" });
    await mailer.send(email);
    const files = readdirSync(join(folder, "box"));
    expect(files).toEqual([mailboxFileName(email.idempotencyKey)]);
    expect(files[0]).not.toContain("/");
    const text = readFileSync(join(folder, "box", files[0]!), "utf8");
    expect(text).toContain("\r\nTo: nina.park@parkventures.co.uk\r\n");
    expect(text).toContain(`\r\nSubject: =?UTF-8?B?${Buffer.from("Votre offre — accepted").toString("base64")}?=\r\n`);
    expect(text).toContain("\r\nDate: Wed, 25 Nov 2026 12:00:00 +0000\r\n");
    expect(text).toContain("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    expect(text).toMatch(/\r\nMessage-ID: <[A-Za-z0-9_-]+@exitmatch\.co\.uk>\r\n/);
    expect(text.endsWith("\r\n\r\nLine one\r\nLine two\r\n")).toBe(true);
  });

  it("says a message is delivered only once the folder holds it and nothing else, and only the first time", async () => {
    const box = join(folder, "announced");
    const seen: string[][] = [];
    const announcing = new FolderMailer(box, fixedClock("2026-11-25T12:00:00Z"), {
      from: "ExitMatch <n@exitmatch.co.uk>",
      // A process killed right after this line must leave a clean mailbox (dispatcher-restart).
      onDelivered: () => seen.push(readdirSync(box).sort()),
    });
    await announcing.send({ ...email, idempotencyKey: "notification:first" });
    await announcing.send({ ...email, idempotencyKey: "notification:first" });
    await announcing.send({ ...email, idempotencyKey: "notification:second" });
    expect(seen).toEqual([
      [mailboxFileName("notification:first")],
      [mailboxFileName("notification:first"), mailboxFileName("notification:second")].sort(),
    ]);
  });
});
