import type { createApp } from "../../functions/api/app.ts";

type App = ReturnType<typeof createApp>;

interface DescribedOperation {
  method: string;
  path: RegExp;
  template: string;
  statuses: Set<string>;
}

/** The API's own description of each operation's responses, read from the app. */
function describedOperations(app: App): DescribedOperation[] {
  const document = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "ExitMatch API", version: "test" } });
  return Object.entries(document.paths ?? {}).flatMap(([template, operations]) =>
    Object.entries(operations as Record<string, { responses?: Record<string, unknown> }>).map(
      ([method, operation]) => ({
        method: method.toUpperCase(),
        path: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
        template,
        statuses: new Set(Object.keys(operation.responses ?? {})),
      }),
    ),
  );
}

/**
 * Makes every request through `app` fail its test when the app answers a problem with a status
 * its OpenAPI description does not list for that operation: the whole suite's error paths keep
 * the description true. (500s are our own bugs, never documented; unknown routes have no entry.)
 */
export function failOnUndocumentedProblems(app: App): App {
  const operations = describedOperations(app);
  const fetch = app.fetch;
  app.fetch = async (request, ...rest) => {
    const response = await fetch(request, ...rest);
    if (response.status === 500 || response.headers.get("content-type") !== "application/problem+json") {
      return response;
    }
    const path = new URL(request.url).pathname;
    const operation = operations.find((candidate) => candidate.method === request.method && candidate.path.test(path));
    if (operation && !operation.statuses.has(String(response.status))) {
      const body = await response.clone().text();
      throw new Error(
        `${request.method} ${operation.template} answered ${response.status}, which its OpenAPI description does not ` +
          `list (it lists ${[...operation.statuses].join(", ")}): ${body}`,
      );
    }
    return response;
  };
  return app;
}
