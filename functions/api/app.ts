import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { classifyDatabaseError } from "../db/database-errors.ts";
import { requestQueryStats } from "../db/query-instrumentation.ts";
import { MAX_DOCUMENT_BYTES } from "../deal-rooms/document-rules.ts";
import { AppError } from "../errors/app-error.ts";
import { runForRequest } from "../requests/run-for-request.ts";
import type { AppDependencies } from "../runtime/app-dependencies.ts";
import type { AppEnv } from "./app-context.ts";
import { clientAddress } from "./client-address.ts";
import { fieldErrorsFromZod, problemResponse, toAppError } from "./errors.ts";
import { PUBLIC_FOR_FIVE_MINUTES, privateByDefault } from "./middleware/cache-control.ts";
import { cors } from "./middleware/cors.ts";
import { idempotency } from "./middleware/idempotency.ts";
import { fieldsWithNulCharacters } from "./nul-characters.ts";
import { registerAdminRoutes } from "./routes/admin/index.ts";
import { registerAdvisorRoutes } from "./routes/advisors/list.ts";
import { registerAuthRoutes } from "./routes/auth/index.ts";
import { registerBusinessRoutes } from "./routes/businesses/index.ts";
import { registerDealRoomRoutes } from "./routes/deal-rooms/index.ts";
import { UPLOAD_ROUTE } from "./routes/deal-rooms/upload-document.ts";
import { registerDealRoutes } from "./routes/deals/index.ts";
import { registerFinancialRoutes } from "./routes/financials/index.ts";
import { registerHealth } from "./routes/health.ts";
import { registerInquiryRoutes } from "./routes/inquiries/index.ts";
import { registerMeRoutes } from "./routes/me/index.ts";
import { registerUnsubscribe } from "./routes/notifications/unsubscribe.ts";
import { registerOfferRoutes } from "./routes/offers/index.ts";
import { registerReady } from "./routes/ready.ts";
import { registerReferencePage } from "./routes/reference-page.ts";
import { registerValuationRoutes } from "./routes/valuations/index.ts";

/** Builds the ExitMatch API. The same app serves Node (functions/cli/start.ts) and Lambda. */
export function createApp(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({
    // zod validation failures (body, query, params, headers) become 400 problem+json naming the
    // field; so does a NUL character anywhere in valid input, which PostgreSQL text cannot hold.
    defaultHook: (result) => {
      if (!result.success)
        throw new AppError("validation_failed", undefined, { fields: fieldErrorsFromZod(result.error) });
      const withNul = fieldsWithNulCharacters(result.data);
      if (withNul.length > 0) {
        throw new AppError("validation_failed", undefined, {
          fields: withNul.map((field) => ({ field, message: "must not contain NUL characters (U+0000)" })),
        });
      }
    },
  });

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    const request = {
      requestId: c.get("requestId"),
      ipAddress: clientAddress(c),
      userAgent: c.req.header("user-agent")?.slice(0, 512),
      receivedAt: deps.clock.now(),
    };
    c.set("request", request);
    const started = performance.now();
    const queries = { requestId: c.get("requestId"), count: 0, totalMs: 0 };
    // Every query of the request carries its id (and, once authenticated, the user) to
    // PostgreSQL, for the audit trail and row-level security.
    await requestQueryStats.run(queries, () => runForRequest(request, next));
    // On the finished response, errors included (a header set before the handler ran would
    // not survive an error response replacing it).
    c.res.headers.set("X-Request-Id", c.get("requestId"));
    deps.logger.info({
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.var.request.caller?.id,
      queries: queries.count,
      queryMs: Math.round(queries.totalMs * 10) / 10,
    });
  });
  app.use(secureHeaders());
  app.use(privateByDefault);
  app.use(
    cors({
      origins: deps.config.corsOrigins,
      allowHeaders: ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id"],
      exposeHeaders: ["ETag", "X-Request-Id", "Retry-After"],
      maxAgeSeconds: 600,
    }),
  );
  // Body limits come first, before anything (idempotency hashing, validation) reads a body:
  // 256 KB for JSON, the document limit for deal-room uploads.
  const jsonBodyLimit = bodyLimit({
    maxSize: deps.config.maxJsonBodyBytes,
    onError: () => {
      throw new AppError("payload_too_large", `Bodies are limited to ${deps.config.maxJsonBodyBytes} bytes.`);
    },
  });
  const uploadBodyLimit = bodyLimit({
    maxSize: MAX_DOCUMENT_BYTES + 64 * 1024, // the file plus its multipart framing
    onError: () => {
      throw new AppError("payload_too_large", `Documents are limited to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`);
    },
  });
  // Only methods that carry a body: checking one means building the full web Request, which a
  // GET (most of the traffic) need never pay for.
  app.use((c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    return c.req.method === "POST" && UPLOAD_ROUTE.test(c.req.path) ? uploadBodyLimit(c, next) : jsonBodyLimit(c, next);
  });

  app.use(idempotency);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });

  // Each step returns the app with its routes added to the type, so the typed client
  // (functions/api/client.ts) sees every route.
  const withAccounts = registerUnsubscribe(registerAuthRoutes(registerReady(registerHealth(app))));
  const withListings = registerBusinessRoutes(withAccounts);
  const withInquiries = registerInquiryRoutes(withListings);
  const withFigures = registerValuationRoutes(registerFinancialRoutes(withInquiries));
  const withPeople = registerAdvisorRoutes(registerMeRoutes(withFigures));
  const withDealRooms = registerDealRoomRoutes(withPeople);
  const withOffers = registerDealRoutes(registerOfferRoutes(withDealRooms));
  const routes = registerAdminRoutes(withOffers);

  // The API's description is the same for everyone: cacheable on purpose.
  app.use("/openapi.json", async (c, next) => {
    await next();
    c.res.headers.set("cache-control", PUBLIC_FOR_FIVE_MINUTES);
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "ExitMatch API",
      version: "0.1.0",
      description:
        "The API of ExitMatch, the UK marketplace for selling small and medium-sized businesses. " +
        "Errors are RFC 9457 problem details (application/problem+json) with a stable `code`. " +
        "POST requests (other than /auth/* and data exports) accept an `Idempotency-Key` header, remembered for 24 " +
        "hours per person: the request and the record of its response commit together, so a retry with the same " +
        "key and body gets the first response again (marked `Idempotent-Replayed: true`) if the first attempt " +
        "committed, and runs if it did not; a retry that arrives while the first is still running waits for it. " +
        "Error responses are not stored. The same key with a different body is refused (422). Updates need " +
        "`If-Match` with the ETag they are based on. While the database is unavailable every operation answers 503 " +
        "with Retry-After.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Operations", description: "Liveness and readiness of the service" },
      { name: "Authentication", description: "Accounts, sessions and tokens" },
      { name: "Listings", description: "Businesses for sale: search, view, create, edit, lifecycle" },
      { name: "Inquiries", description: "A buyer's interest in a listing, the seller's answer, and the NDA" },
      {
        name: "Offers",
        description:
          "Offers on a listing, countered turn by turn on immutable versions; the seller's board; acceptance makes the deal",
      },
      {
        name: "Deals",
        description:
          "An accepted offer to completion: heads of terms (PDF, SHA-256, e-signatures), exclusivity, completion",
      },
      { name: "Financials", description: "Figures per financial year, shared after the NDA" },
      { name: "Valuations", description: "Valuations of a listing by its seller or advisor" },
      { name: "Buyer profiles", description: "Buyers' acquisition criteria" },
      { name: "Matches", description: "Buyers matched to listings, with the reasons" },
      { name: "Saved searches", description: "Buyers' saved listing searches and their alerts" },
      {
        name: "Notifications",
        description:
          "What people are told (inquiries, deal rooms, matches), how (at once, daily digest, off), one-click unsubscribe",
      },
      { name: "Advisors", description: "Brokers, accountants and advisers, and the listings they act on" },
      { name: "Deal rooms", description: "Private rooms where a deal is run, and who may enter" },
      { name: "Deal room documents", description: "Versioned documents; every view and download is logged" },
      { name: "Deal room Q&A", description: "Questions and answers inside a deal room" },
      { name: "Admin", description: "User verification and suspension, listing moderation, audit and activity logs" },
      {
        name: "Privacy",
        description: "UK GDPR: a person's data export (right of access) and erasure (right to be forgotten)",
      },
    ],
  });
  registerReferencePage(app);

  app.notFound((c) => problemResponse(c, new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === "service_unavailable") {
      // An outage: one line each, with the cause; the alarm counts them (docs/operations.md).
      deps.logger.warn({ requestId: c.get("requestId"), err: error, event: "database_unavailable" }, appError.detail);
    } else if (appError.status >= 500) {
      deps.logger.error({ requestId: c.get("requestId"), err: error }, "unhandled error");
    } else if (classifyDatabaseError(error) === "rule_violation") {
      // A constraint caught what validation should have: worth a look, not a page.
      deps.logger.warn({ requestId: c.get("requestId"), err: error }, "constraint refused a request");
    }
    return problemResponse(c, appError);
  });

  return routes;
}

export type App = ReturnType<typeof createApp>;
