import type { Email } from "./mailer.ts";

/** A header value as RFC 2047 needs it: plain ASCII as it is, anything else base64-encoded UTF-8. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString("base64")}?=`;
}

/**
 * The e-mail as an RFC 5322 message (a .eml file any mail client opens): plain text in UTF-8, its
 * Message-ID derived from the idempotency key (every attempt to deliver one message has the same
 * one), and its extra headers (List-Unsubscribe...).
 */
export function mimeMessage(email: Email, options: { from: string; date: Date }): string {
  const messageId = `<${Buffer.from(email.idempotencyKey).toString("base64url")}@exitmatch.co.uk>`;
  const headers: [string, string][] = [
    ["From", options.from],
    ["To", email.to],
    ["Subject", encodeHeader(email.subject)],
    ["Date", options.date.toUTCString().replace("GMT", "+0000")],
    ["Message-ID", messageId],
    ...Object.entries(email.headers ?? {}),
    ["MIME-Version", "1.0"],
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Transfer-Encoding", "8bit"],
  ];
  const body = email.text.replace(/\r?\n/g, "\r\n");
  return `${headers.map(([name, value]) => `${name}: ${value}`).join("\r\n")}\r\n\r\n${body}\r\n`;
}
