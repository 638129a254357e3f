import { DEVELOPMENT_PASSWORD } from "../../prisma/seed/seed-data.ts";
import type { createTestApp } from "./test-app.ts";

type App = ReturnType<typeof createTestApp>["app"];

/** A request to the app the way the frontend sends it: JSON, or multipart when the body is FormData. */
export function call(
  app: App,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** The client's IP address, as the Node server would see it on the socket. */
    address?: string;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const env = options.address ? { incoming: { socket: { remoteAddress: options.address } } } : undefined;
  if (options.body instanceof FormData) return app.request(path, { method, headers, body: options.body }, env);
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return app.request(
    path,
    {
      method,
      headers,
      ...(options.body !== undefined
        ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
        : {}),
    },
    env,
  );
}

/** Logs a seeded account in and returns its access token. */
export async function loginAs(app: App, email: string, password = DEVELOPMENT_PASSWORD): Promise<string> {
  const response = await call(app, "POST", "/auth/login", { body: { email, password } });
  if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Reads a problem+json response, checking its media type. */
export async function problemOf(
  response: Response,
): Promise<{ status: number; code: string; detail?: string; errors?: { field: string }[] }> {
  if (response.headers.get("content-type") !== "application/problem+json") {
    throw new Error(`expected problem+json, got ${response.headers.get("content-type")}: ${await response.text()}`);
  }
  return (await response.json()) as { status: number; code: string; detail?: string; errors?: { field: string }[] };
}

/**
 * A new account, as a person gets one: register, follow the link in the confirmation e-mail,
 * log in. Returns the access token. `deliverMail` runs the outbox (createTestApp).
 */
export async function signUp(
  app: App,
  deliverMail: () => Promise<{ to: string; text: string }[]>,
  account: { email: string; password: string; name: string; role: "SELLER" | "BUYER" | "ADVISOR" },
): Promise<string> {
  const registered = await call(app, "POST", "/auth/register", { body: account });
  if (registered.status !== 202) throw new Error(`register ${account.email}: ${registered.status}`);
  const email = (await deliverMail()).filter((sent) => sent.to === account.email.toLowerCase()).at(-1);
  const token = email && /verify-email\?token=([A-Za-z0-9_-]+)/.exec(email.text)?.[1];
  if (!token) throw new Error(`no confirmation e-mail reached ${account.email}`);
  const verified = await call(app, "POST", "/auth/verify-email", { body: { token } });
  if (verified.status !== 204) throw new Error(`verify ${account.email}: ${verified.status}`);
  return loginAs(app, account.email, account.password);
}

/** Edits a listing as its seller does: with the version it read (If-Match); throws unless it took. */
export async function editListing(app: App, id: string, token: string, body: Record<string, unknown>) {
  const read = await call(app, "GET", `/businesses/${id}`, { token });
  const edited = await call(app, "PATCH", `/businesses/${id}`, {
    token,
    body,
    headers: { "if-match": read.headers.get("etag") ?? "" },
  });
  if (edited.status !== 200) throw new Error(`edit ${id}: ${edited.status} ${await edited.text()}`);
}
