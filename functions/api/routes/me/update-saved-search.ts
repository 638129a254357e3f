import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { updateSavedSearch } from "../../../saved-searches/update-saved-search.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";
import { SavedSearchInputSchema, SavedSearchSchema, toSavedSearchResponse } from "./saved-search-schemas.ts";

const route = defineRoute({
  method: "put",
  path: "/me/saved-searches/{id}",
  tags: ["Saved searches"],
  summary: "Replace one of my saved searches",
  description: "Owner only. Listings already alerted about are not alerted again.",
  access: "signed-in",
  failures: updateSavedSearch.failures,
  request: {
    params: z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) }),
    body: { required: true, content: { "application/json": { schema: SavedSearchInputSchema } } },
  },
  responses: {
    200: { description: "The saved search", content: { "application/json": { schema: SavedSearchSchema } } },
  },
});

export function registerUpdateSavedSearch<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const search = await updateSavedSearch(
      c.get("deps"),
      { ...c.req.valid("json"), id: c.req.valid("param").id },
      signedInRequest(c),
    );
    return c.json(toSavedSearchResponse(search), 200);
  });
}
