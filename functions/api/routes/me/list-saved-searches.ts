import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { listSavedSearches } from "../../../saved-searches/list-saved-searches.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { SavedSearchSchema, toSavedSearchResponse } from "./saved-search-schemas.ts";

const route = defineRoute({
  method: "get",
  path: "/me/saved-searches",
  tags: ["Saved searches"],
  summary: "My saved searches",
  description: "Buyers only. Oldest first; at most 20.",
  access: "signed-in",
  failures: listSavedSearches.failures,

  responses: {
    200: {
      description: "My saved searches",
      content: { "application/json": { schema: z.object({ items: z.array(SavedSearchSchema) }) } },
    },
  },
});

export function registerListSavedSearches<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    const searches = await listSavedSearches(c.get("deps"), {}, signedInRequest(c));
    return c.json({ items: searches.map(toSavedSearchResponse) }, 200);
  });
}
