import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import type { AppDependencies, AppEnv } from "./app-context.ts";
import { problemResponse } from "./problem.ts";
import { registerHealth } from "./routes/health.ts";

/** Builds the ExitMatch API. The same app serves Node (functions/cli/start.ts) and Lambda. */
export function createApp(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const detail = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
        return problemResponse(c, 400, "validation_failed", "The request is not valid", detail);
      }
    },
  });

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });

  registerHealth(app);

  app.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "ExitMatch API", version: "0.1.0" } });

  app.notFound((c) => problemResponse(c, 404, "not_found", "No such route", `${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: error.message }));
    return problemResponse(c, 500, "internal_error", "Something went wrong on our side");
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
