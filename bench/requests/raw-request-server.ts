// The request benchmark's baseline: the same SQL as the API's GET /health and GET
// /businesses/{id} (anonymous), through raw `pg` behind bare `node:http`, with the same response
// bodies. No framework, no validation, no ORM, no logging. Usage:
//   tsx bench/requests/raw-request-server.ts <database-url> <port>
import { createServer } from "node:http";
import pg from "pg";
import { toBusinessResponse } from "../../functions/api/routes/businesses/schemas.ts";
import { isPublicStatus } from "../../functions/domain/business-status.ts";
import { listingForViewSql } from "../../functions/listings/find-listing-for-view.ts";
import { toSellerResponsiveness } from "../../functions/listings/seller-responsiveness.ts";
import { NEWEST_MIGRATION_SQL } from "../../functions/ops/check-liveness.ts";
import type { Business } from "../../generated/prisma/client.ts";

const [url, port] = process.argv.slice(2);
if (!url || !port) {
  process.stderr.write("Usage: tsx bench/requests/raw-request-server.ts <database-url> <port>\n");
  process.exit(2);
}
pg.types.setTypeParser(pg.types.builtins.INT8, BigInt);
const pool = new pg.Pool({ connectionString: url, max: 10 });
/** Views counted in memory, as the API does. */
const views = new Map<string, number>();
const LISTING_PATH = /^\/businesses\/([0-9a-f-]{36})$/;

const send = (response: import("node:http").ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
};

createServer(async (request, response) => {
  const path = request.url ?? "/";
  if (path === "/health") {
    const started = performance.now();
    const { rows } = await pool.query<{ migration_name: string }>(NEWEST_MIGRATION_SQL.text);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return send(response, 200, {
      status: "ok",
      database: { status: "up", latencyMs, migration: rows[0]?.migration_name ?? null },
    });
  }
  const id = LISTING_PATH.exec(path)?.[1];
  if (!id) return send(response, 404, {});
  const sql = listingForViewSql(id, new Date());
  const { rows } = await pool.query(sql.text, sql.values);
  const row = rows[0];
  if (!row || !isPublicStatus(row.status)) return send(response, 404, {});
  const { response_inquiries, response_median_seconds, advisor_user_id, caller_has_nda, ...business } =
    row as Business & {
      response_inquiries: number | null;
      response_median_seconds: number | null;
      advisor_user_id: string | null;
      caller_has_nda: boolean;
    };
  views.set(id, (views.get(id) ?? 0) + 1);
  business.viewCount += views.get(id)!;
  return send(response, 200, {
    ...toBusinessResponse(business, !business.isConfidential),
    sellerResponse: toSellerResponsiveness({ response_inquiries, response_median_seconds }),
  });
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
