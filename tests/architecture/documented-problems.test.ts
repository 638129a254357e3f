// The route description cannot drift from what routes answer: defineRoute derives each route's
// problem statuses, and every API test fails on a problem its route does not document.

import { OpenAPIHono, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import type { createApp } from "../../functions/api/app.ts";
import type { AppEnv } from "../../functions/api/app-context.ts";
import { problemResponse } from "../../functions/api/errors.ts";
import { defineRoute, documentedStatuses } from "../../functions/api/routes/define-route.ts";
import { AppError } from "../../functions/errors/app-error.ts";
import { failOnUndocumentedProblems } from "../support/documented-problems.ts";

const body = { required: true, content: { "application/json": { schema: z.object({ name: z.string() }) } } };

describe("documentedStatuses", () => {
  it("lists what a public route without input can answer: its use case's failures only", () => {
    expect(
      documentedStatuses({ method: "get", path: "/x", access: "public", failures: ["not_found"], responses: {} }),
    ).toEqual([404]);
  });

  it("adds validation for inputs, the body limit and media type for bodies, authentication for signed-in routes", () => {
    const statuses = documentedStatuses({
      method: "put",
      path: "/x/{id}",
      access: "signed-in",
      failures: ["version_conflict"],
      request: { params: z.object({ id: z.string() }), body },
      responses: {},
    });
    expect(statuses).toEqual([400, 401, 403, 412, 413, 415]);
  });

  it("adds the Idempotency-Key's failures to POSTs that take one, and not to /auth", () => {
    const post = { method: "post" as const, access: "signed-in" as const, failures: [], responses: {} };
    expect(documentedStatuses({ ...post, path: "/x" })).toEqual([400, 401, 403, 409, 422]);
    expect(documentedStatuses({ ...post, path: "/auth/x", access: "public" })).toEqual([]);
  });
});

describe("defineRoute's access", () => {
  const route = (access: "public" | "optional" | "signed-in" | "admin") =>
    defineRoute({
      method: "get",
      path: `/${access}`,
      access,
      failures: [],
      responses: { 200: { description: "Reached" } },
    });

  it("describes the bearer token each access needs (optional: may be left out; public: none)", () => {
    expect("security" in route("public")).toBe(false);
    expect(route("optional").security).toEqual([{ bearerAuth: [] }, {}]);
    expect(route("signed-in").security).toEqual([{ bearerAuth: [] }]);
    expect(route("admin").security).toEqual([{ bearerAuth: [] }]);
  });

  it("lets a caller without a token reach public and optional routes only", async () => {
    const app = new OpenAPIHono();
    for (const access of ["public", "optional", "signed-in", "admin"] as const) {
      app.openapi(route(access), (c) => c.json({ reached: access }, 200));
    }
    app.onError((error, c) => problemResponse(c, error as AppError));
    const statuses = await Promise.all(
      ["public", "optional", "signed-in", "admin"].map(async (access) => [
        access,
        (await app.request(`/${access}`)).status,
      ]),
    );
    expect(statuses).toEqual([
      ["public", 200],
      ["optional", 200],
      ["signed-in", 401],
      ["admin", 401],
    ]);
  });

  it("checks a token sent to an optional route, and ignores one sent to a public route", async () => {
    const app = new OpenAPIHono<AppEnv>();
    // What authenticate reads before it looks a token up: none is looked up, this one is malformed.
    app.use(async (c, next) => {
      c.set("deps", {
        config: { jwtSecret: "not-used-by-a-malformed-token" },
      } as unknown as AppEnv["Variables"]["deps"]);
      c.set("request", { requestId: "r", receivedAt: new Date(0) } as AppEnv["Variables"]["request"]);
      await next();
    });
    for (const access of ["public", "optional"] as const) {
      app.openapi(route(access), (c) => c.json({ reached: access }, 200));
    }
    app.onError((error, c) => problemResponse(c, error as AppError));
    const headers = { authorization: "Basic not-a-bearer-token" };
    expect((await app.request("/public", { headers })).status).toBe(200);
    const optional = await app.request("/optional", { headers });
    expect([optional.status, ((await optional.json()) as { code: string }).code]).toEqual([401, "token_invalid"]);
  });

  it("validates any input: path parameters, query or headers alone each make 400 possible", () => {
    const get = { method: "get" as const, path: "/x", access: "public" as const, failures: [], responses: {} };
    const one = z.object({ id: z.string() });
    expect(documentedStatuses(get)).toEqual([]);
    expect(documentedStatuses({ ...get, request: { params: one } })).toEqual([400]);
    expect(documentedStatuses({ ...get, request: { query: one } })).toEqual([400]);
    expect(documentedStatuses({ ...get, request: { headers: one } })).toEqual([400]);
  });
});

describe("failOnUndocumentedProblems", () => {
  /** An app with one route documenting 404 only, which answers whatever problem `code` says. */
  function appFailingWith(code: "not_found" | "conflict") {
    const app = new OpenAPIHono();
    const route = defineRoute({
      method: "get",
      path: "/thing",
      access: "public",
      failures: ["not_found"],
      responses: { 200: { description: "The thing" } },
    });
    app.openapi(route, () => {
      throw new AppError(code);
    });
    app.onError((error, c) => problemResponse(c, error as AppError));
    return failOnUndocumentedProblems(app as unknown as ReturnType<typeof createApp>);
  }

  it("lets a documented problem through", async () => {
    expect((await appFailingWith("not_found").request("/thing")).status).toBe(404);
  });

  it("fails the request, naming the route and status, when the problem is not documented", async () => {
    await expect(appFailingWith("conflict").request("/thing")).rejects.toThrow(
      /GET \/thing answered 409, which its OpenAPI description does not list/,
    );
  });
});
