import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { getSavedSearch } from "../../../saved-searches/get-saved-search.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { SavedSearchSchema, toSavedSearchResponse } from "./saved-search-schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/me/saved-searches/{id}",
  tags: ["Saved searches"],
  summary: "One of my saved searches",
  description: "Owner only: anyone else's is 404.",
  access: "signed-in",
  failures: getSavedSearch.failures,
  request: { params: z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: { description: "The saved search", content: { "application/json": { schema: SavedSearchSchema } } },
  },
});

export function registerGetSavedSearch<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const search = await getSavedSearch(c.get("deps"), { id: c.req.valid("param").id }, signedInRequest(c));
    return c.json(toSavedSearchResponse(search), 200);
  });
}
