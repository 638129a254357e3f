// The route description cannot drift from what routes answer: defineRoute derives each route's
// problem statuses, and every API test fails on a problem its route does not document.

import { OpenAPIHono, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import type { createApp } from "../../functions/api/app.ts";
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
