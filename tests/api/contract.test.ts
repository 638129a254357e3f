import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../functions/api/client.ts";
import { seedTestData } from "../support/seed.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("API contract", () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createTestApp>["app"];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestData(db.prisma);
    ({ app } = createTestApp(db.appPrisma));
  });
  afterAll(() => db.drop());

  it("documents every route the app serves in /openapi.json", async () => {
    const document = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replaceAll(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const served = app.routes
      .filter(
        (route) =>
          route.method !== "ALL" &&
          !["/openapi.json", "/docs", "/docs/scalar.js", "/docs/start.js"].includes(route.path),
      )
      .map((route) => `${route.method} ${route.path}`);
    expect(served.length).toBeGreaterThan(10);
    for (const route of served) expect(documented, route).toContain(route);
  });

  it("serves an interactive reference at /docs", async () => {
    const response = await app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain('<script src="/docs/scalar.js"></script>');
    // Its script comes from the app itself, and the page starts it on our description.
    const bundle = await app.request("/docs/scalar.js");
    expect([bundle.status, bundle.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
    expect(await (await app.request("/docs/start.js")).text()).toContain('url: "/openapi.json"');
  });

  it("gives the frontend a typed client", async () => {
    const client = createApiClient("http://api.test", {
      fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input, init),
    });
    const response = await client.businesses.$get({ query: { sic: "62" } });
    expect(response.status).toBe(200);
    if (response.status === 200) {
      const page = await response.json();
      expect(page.items.map((item) => item.sicCode)).toEqual(["62020"]);
    }
  });

  it("sends security headers, a request id and CORS for the frontend's origin only", async () => {
    const allowed = await app.request("/health", { headers: { origin: "http://localhost:5173" } });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(allowed.headers.get("x-content-type-options")).toBe("nosniff");
    expect(allowed.headers.get("strict-transport-security")).toContain("max-age=");
    const other = await app.request("/health", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const echoed = await app.request("/health", { headers: { "x-request-id": "frontend-trace-123" } });
    expect(echoed.headers.get("x-request-id")).toBe("frontend-trace-123");
  });

  it("answers preflights for the frontend's origin only, and puts CORS on errors too", async () => {
    const preflight = (origin: string) =>
      app.request("/businesses", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight("http://localhost:5173");
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries([...allowed.headers].filter(([name]) => name.startsWith("access-control")))).toEqual({
      "access-control-allow-origin": "http://localhost:5173",
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET,HEAD,PUT,POST,DELETE,PATCH",
      "access-control-allow-headers": "Authorization,Content-Type,If-Match,Idempotency-Key,X-Request-Id",
      "access-control-max-age": "600",
    });
    expect(allowed.headers.get("vary")).toContain("Origin");
    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(204);
    expect([...refused.headers].filter(([name]) => name.startsWith("access-control"))).toEqual([]);

    // A 404 problem for the frontend still carries CORS, so the browser lets it read the error.
    const missing = await app.request("/businesses/00000000-0000-4000-8000-000000000000", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(missing.headers.get("access-control-allow-credentials")).toBe("true");
    expect(missing.headers.get("access-control-expose-headers")).toBe("ETag,X-Request-Id,Retry-After");
    expect(missing.headers.get("vary")).toBe("Origin");
    expect(missing.headers.get("x-content-type-options")).toBe("nosniff");
    expect(missing.headers.get("x-request-id")).toMatch(/.+/);
    const elsewhere = await app.request("/health", { headers: { origin: "https://evil.example" } });
    expect(elsewhere.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("refuses oversized bodies with 413 problem+json", async () => {
    const response = await app.request("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.co", password: "x".repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
