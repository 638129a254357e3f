// GET /docs renders the API reference in a real browser with no network beyond the API itself
// (issue 11, section 7): Debian's Chromium, headless, every request to another host refused.
// Needs `chromium` (.ci/run installs it): without it, CI fails and other machines skip, visibly.
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REFERENCE_PAGE_CSP } from "../../functions/api/routes/reference-page.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));

describe.skipIf(!CHROMIUM && !process.env.CI)("the API reference in a browser, offline", () => {
  let db: TestDatabase;
  let server: ReturnType<typeof serve>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const { app } = createTestApp(db.appPrisma);
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (!CHROMIUM) throw new Error("chromium is not installed (apt-get install chromium)");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await db?.drop();
  });

  it("lists the API's operations with every other host unreachable, under a strict CSP", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const elsewhere: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      elsewhere.push(url);
      return route.abort("internetdisconnected");
    });
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });

    const response = await page.goto(`${base}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toBe(REFERENCE_PAGE_CSP);
    // The first group's operations are shown; every tag of the document is in the sidebar.
    await page.getByText("Readiness: may this instance take traffic?").first().waitFor({ timeout: 30_000 });
    const { tags } = (await (await fetch(`${base}/openapi.json`)).json()) as { tags: { name: string }[] };
    for (const { name } of tags) {
      await page.getByText(name, { exact: true }).first().waitFor({ timeout: 10_000 });
    }
    // Opening a group lists its operations, by the summaries the document gives them.
    const groups: [string, string][] = [
      ["Authentication", "Log in with email and password"],
      ["Deal room documents", "Export the room's complete access log (CSV or JSON)"],
      ["Privacy", "Ask to be forgotten (right to erasure)"],
    ];
    for (const [group, summary] of groups) {
      await page.getByText(group, { exact: true }).first().click();
      await page.getByText(summary, { exact: true }).first().waitFor({ state: "visible", timeout: 10_000 });
    }
    expect(violations).toEqual([]);
    // Nothing it needed came from anywhere else (anything it tried was refused, and it still works).
    expect(elsewhere.filter((url) => !/^https?:\/\/(127\.0\.0\.1|localhost)/.test(url))).toEqual([]);
    await context.close();
  }, 90_000);
});
