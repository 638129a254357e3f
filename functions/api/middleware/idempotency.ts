import { createHash } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { verifyAccessToken } from "../../auth/access-token.ts";
import { sqlStateOf } from "../../db/database-errors.ts";
import { runInRequestTransaction } from "../../db/database-session.ts";
import { AppError } from "../../errors/app-error.ts";
import type { AppEnv } from "../app-context.ts";

/** How long a key is remembered; a retry after that is a new request. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a retry waits for the first attempt with its key to finish before giving up (409). */
const WAIT_FOR_FIRST_ATTEMPT = "10s";
const LOCK_NOT_AVAILABLE = "55P03";

/**
 * Requests that never take a key: logging in and tokens (a stored response would hold tokens, and
 * a retry should get new ones) and data exports (a stored response would copy a person's data).
 */
const EXCLUDED = [/^\/auth\//, /\/data-export$/];

/** Whether a request to `path` with `method` honours an Idempotency-Key. */
export function takesIdempotencyKey(method: string, path: string): boolean {
  return method.toUpperCase() === "POST" && !EXCLUDED.some((pattern) => pattern.test(path));
}

const sha256 = (data: string | ArrayBuffer) =>
  createHash("sha256")
    .update(typeof data === "string" ? data : new Uint8Array(data))
    .digest("hex");

/** Keys belong to a person: the same key from two people never collides, and a new login keeps it. */
async function scopeOf(c: Context<AppEnv>): Promise<string> {
  const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) return "anonymous";
  const claims = await verifyAccessToken(token, c.get("deps").config.jwtSecret, c.var.request.receivedAt);
  // A bad token: the route answers 401 anyway, and nothing is stored under it.
  return claims ? `user:${claims.userId}` : `invalid:${sha256(token)}`;
}

/**
 * `Idempotency-Key` on POST requests: the first request with a key runs, and its response is
 * stored in the same database transaction as everything the request wrote, so either both
 * commit or neither does. A retry with the same key and the same request then gets either that
 * response again (`Idempotent-Replayed: true`), or, if the first attempt never committed (the
 * database went away mid-request, the client gave up), a fresh run. A retry that arrives while
 * the first attempt is still running waits for it (up to 10 s, then 409). The same key with a
 * different request is refused (422). Error responses are not stored: a retry runs again.
 *
 * The request transaction needs a driver adapter (pg, Neon); through Prisma Accelerate the key
 * is not honoured (README, "Prisma Accelerate").
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (key === undefined || !takesIdempotencyKey(c.req.method, c.req.path)) return next();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("validation_failed", undefined, {
      fields: [{ field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }],
    });
  }
  const { prisma } = c.get("deps");
  if (!c.get("deps").supportsRequestTransactions) return next();
  const scope = await scopeOf(c);
  // Hono caches the body, so the route can still read it after this.
  const requestHash = sha256(`${c.req.method} ${c.req.path}\n${sha256(await c.req.arrayBuffer())}`);
  const now = c.var.request.receivedAt;

  const replay = await runInRequestTransaction(async (transaction) => {
    await prisma.$executeRaw`
      DELETE FROM idempotency_keys
      WHERE scope = ${scope} AND key = ${key} AND created_at < ${new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)}`;
    // Waits while another attempt with this key is running (its row is not committed yet).
    await prisma.$executeRawUnsafe(`SET LOCAL lock_timeout = '${WAIT_FOR_FIRST_ATTEMPT}'`);
    const claimed = await prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO idempotency_keys (id, scope, key, method, path, request_hash, created_at)
      VALUES (gen_random_uuid(), ${scope}, ${key}, ${c.req.method}, ${c.req.path}, ${requestHash}, ${now})
      ON CONFLICT (scope, key) DO NOTHING
      RETURNING id::text`.catch((error: unknown) => {
      if (sqlStateOf(error) === LOCK_NOT_AVAILABLE) {
        throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");
      }
      throw error;
    });
    await prisma.$executeRawUnsafe("SET LOCAL lock_timeout TO DEFAULT");

    if (claimed.length === 0) {
      const previous = await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope, key } } });
      if (previous.requestHash !== requestHash) {
        throw new AppError("idempotency_key_reused", "This Idempotency-Key was used for a different request.");
      }
      if (previous.responseStatus === null) {
        throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");
      }
      return previous;
    }

    await next();
    const status = c.res.status;
    if (status >= 500) {
      await transaction.rollback();
      return undefined;
    }
    if (status >= 400) {
      // Not stored (a retry runs again). What the request did before failing stays, as it would
      // without a key (a suspended account's access is recorded), unless a failed statement
      // spoiled the transaction: then it all goes, and the error response stands.
      try {
        await prisma.idempotencyKey.delete({ where: { id: claimed[0]!.id } });
        await transaction.commit();
      } catch {
        await transaction.rollback();
      }
      return undefined;
    }
    await prisma.idempotencyKey.update({
      where: { id: claimed[0]!.id },
      data: {
        responseStatus: status,
        responseBody: await c.res.clone().text(),
        responseType: c.res.headers.get("content-type"),
        completedAt: now,
      },
    });
    // If the commit fails (the database went away), the outcome is unknown to us but not to the
    // database: a retry with this key finds the stored response, or runs again.
    await transaction.commit();
    return undefined;
  });

  if (replay?.responseStatus != null) {
    return c.newResponse(replay.responseBody, replay.responseStatus as 200, {
      "content-type": replay.responseType ?? "application/json",
      "idempotent-replayed": "true",
    });
  }
});
