import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../errors/app-error.ts";
import type { AppEnv } from "../app-context.ts";
import { PUBLIC_FOR_FIVE_MINUTES } from "../middleware/cache-control.ts";

/**
 * GET /docs: the interactive API reference (Scalar), served entirely by the app, so it works
 * with no internet (air-gapped networks, strict proxies): the page, Scalar's standalone bundle
 * (pinned in package.json, @scalar/api-reference) and the script that starts it. No inline
 * script and no third-party host, so a strict Content-Security-Policy holds.
 */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>ExitMatch API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="/docs/scalar.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

/** Starts Scalar on the page: our OpenAPI document, no fonts or services from elsewhere. */
const START = `Scalar.createApiReference("#app", {
  url: "/openapi.json",
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
});
`;

export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Scalar puts its styles in <style> elements it creates.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Where Scalar's standalone bundle is: in the installed package (development, tests), or beside
 * the deployed code (a Lambda bundle copies it there as scalar-standalone.js).
 */
function bundleCandidates(): string[] {
  const candidates = [join(process.cwd(), "scalar-standalone.js")];
  try {
    // The package exports no path to the bundle; it sits next to its entry point's folder.
    const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
    candidates.unshift(join(dirname(entry), "browser", "standalone.js"));
  } catch {
    // Not installed here: the deployed copy, if any.
  }
  return candidates;
}

let bundle: Promise<Uint8Array | undefined> | undefined;
function scalarBundle() {
  bundle ??= (async () => {
    for (const path of bundleCandidates()) {
      const content = await readFile(path).catch(() => undefined);
      if (content) return new Uint8Array(content);
    }
    return undefined;
  })();
  return bundle;
}

export function registerReferencePage<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  app.get("/docs", (c) =>
    c.html(PAGE, 200, { "content-security-policy": REFERENCE_PAGE_CSP, "cache-control": PUBLIC_FOR_FIVE_MINUTES }),
  );
  app.get("/docs/start.js", (c) =>
    c.body(START, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": PUBLIC_FOR_FIVE_MINUTES,
    }),
  );
  app.get("/docs/scalar.js", async (c) => {
    const content = await scalarBundle();
    if (!content) throw new AppError("not_found", "The API reference bundle is not installed on this server.");
    return c.body(content as unknown as ArrayBuffer, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": PUBLIC_FOR_FIVE_MINUTES,
    });
  });
  return app;
}
