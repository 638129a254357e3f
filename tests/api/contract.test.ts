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
