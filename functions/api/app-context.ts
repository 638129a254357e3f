import type { RequestContext } from "../requests/request-context.ts";
import type { AppDependencies } from "../runtime/app-dependencies.ts";

/** Hono's typed context variables for this app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDependencies;
    /**
     * Where the request came from, when it arrived and, once authenticated, who is calling:
     * built when the request arrives (app.ts) and replaced, not changed, by authentication.
     */
    request: RequestContext;
  };
}
