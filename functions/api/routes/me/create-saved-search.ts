import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { createSavedSearch } from "../../../saved-searches/create-saved-search.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { SavedSearchInputSchema, SavedSearchSchema, toSavedSearchResponse } from "./saved-search-schemas.ts";

const route = defineRoute({
  method: "post",
  path: "/me/saved-searches",
  tags: ["Saved searches"],
  summary: "Save a listing search",
  description:
    "Buyers only. The filters of GET /businesses; alerts when a listing starts to match (published, or edited into the search), once per listing. At most 20 (409 beyond).",
  access: "signed-in",
  failures: createSavedSearch.failures,
  request: { body: { required: true, content: { "application/json": { schema: SavedSearchInputSchema } } } },
  responses: {
    201: { description: "The saved search", content: { "application/json": { schema: SavedSearchSchema } } },
  },
});

export function registerCreateSavedSearch<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const search = await createSavedSearch(c.get("deps"), c.req.valid("json"), signedInRequest(c));
    return c.json(toSavedSearchResponse(search), 201);
  });
}
