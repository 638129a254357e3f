import { createHash } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { AppError } from "../../errors/app-error.ts";
import type { AppEnv } from "../app-context.ts";

/** How long a key is remembered; a retry after that is a new request. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const sha256 = (data: string | ArrayBuffer) =>
  createHash("sha256")
    .update(typeof data === "string" ? data : new Uint8Array(data))
    .digest("hex");

/**
 * `Idempotency-Key` on creating (POST) requests: the first request with a key runs and its
 * response is stored; a retry with the same key and the same request gets that response again
 * (with `Idempotent-Replayed: true`) instead of creating a second resource. The same key with a
 * different request is refused (422); a retry while the first is still running gets 409.
 * Server errors are not stored, so a request that failed on our side can be retried.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("validation_failed", undefined, {
      fields: [{ field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" }],
    });
  }
  const { prisma } = c.get("deps");
  // Keys belong to a caller: the same key from two people never collides.
  const scope = sha256(c.req.header("authorization") ?? "anonymous");
  // Hono caches the body, so the route can still read it after this.
  const requestHash = sha256(`${c.req.method} ${c.req.path}\n${sha256(await c.req.arrayBuffer())}`);

  await prisma.idempotencyKey.deleteMany({
    where: { scope, key, createdAt: { lt: new Date(c.var.request.receivedAt.getTime() - IDEMPOTENCY_WINDOW_MS) } },
  });
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO idempotency_keys (id, scope, key, method, path, request_hash, created_at)
    VALUES (gen_random_uuid(), ${scope}, ${key}, ${c.req.method}, ${c.req.path}, ${requestHash},
            ${c.var.request.receivedAt})
    ON CONFLICT (scope, key) DO NOTHING
    RETURNING id`;

  if (claimed.length === 0) {
    const previous = await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope, key } } });
    if (previous.requestHash !== requestHash) {
      throw new AppError("idempotency_key_reused", "This Idempotency-Key was used for a different request.");
    }
    if (previous.completedAt === null || previous.responseStatus === null) {
      throw new AppError("conflict", "A request with this Idempotency-Key is still being processed.");
    }
    return c.newResponse(previous.responseBody, previous.responseStatus as 200, {
      "content-type": previous.responseType ?? "application/json",
      "idempotent-replayed": "true",
    });
  }

  const id = claimed[0]!.id;
  try {
    await next();
  } catch (error) {
    await prisma.idempotencyKey.delete({ where: { id } });
    throw error;
  }
  if (c.res.status >= 500) {
    await prisma.idempotencyKey.delete({ where: { id } });
    return;
  }
  const body = await c.res.clone().text();
  await prisma.idempotencyKey.update({
    where: { id },
    data: {
      responseStatus: c.res.status,
      responseBody: body,
      responseType: c.res.headers.get("content-type"),
      completedAt: c.var.request.receivedAt,
    },
  });
});
