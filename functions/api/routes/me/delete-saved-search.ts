import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { deleteSavedSearch } from "../../../saved-searches/delete-saved-search.ts";
import type { AppEnv } from "../../app-context.ts";
import { signedInRequest } from "../../middleware/authenticate.ts";
import { defineRoute } from "../define-route.ts";
import { uuid } from "../uuid.ts";

const route = defineRoute({
  method: "delete",
  path: "/me/saved-searches/{id}",
  tags: ["Saved searches"],
  summary: "Delete one of my saved searches",
  description: "Owner only.",
  access: "signed-in",
  failures: deleteSavedSearch.failures,
  request: { params: z.object({ id: uuid().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: { 204: { description: "Deleted" } },
});

export function registerDeleteSavedSearch<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app.openapi(route, async (c) => {
    await deleteSavedSearch(c.get("deps"), { id: c.req.valid("param").id }, signedInRequest(c));
    return c.body(null, 204);
  });
}
