// The benchmark's baseline: the same search SQL through raw `pg` behind bare `node:http`. No
// framework, no validation library, no ORM: only what the query needs. Usage:
//   tsx bench/search/raw-search-server.ts <database-url> <port>
import { createServer } from "node:http";
import pg from "pg";
import {
  buildSearchSql,
  encodeCursor,
  type ListingSearch,
  runSearchStatements,
  type SearchRow,
} from "../../functions/listings/search-query.ts";

const [url, port] = process.argv.slice(2);
if (!url || !port) {
  process.stderr.write("Usage: tsx bench/search/raw-search-server.ts <database-url> <port>\n");
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: url, max: 10 });

/** Hand-parsing of exactly the parameters the benchmark sends. */
function parse(params: URLSearchParams): ListingSearch {
  const list = (name: string) => params.get(name)?.split(",");
  const number = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  return {
    sic: list("sic"),
    region: list("region") as ListingSearch["region"],
    minPricePence: number("minPricePence"),
    maxPricePence: number("maxPricePence"),
    minRevenuePence: number("minRevenuePence"),
    q: params.get("q") ?? undefined,
    sort: (params.get("sort") ?? undefined) as ListingSearch["sort"],
    limit: number("limit") ?? 20,
  };
}

createServer(async (request, response) => {
  const requestUrl = new URL(request.url ?? "/", "http://localhost");
  const query = parse(requestUrl.searchParams);
  const { statements, sort } = buildSearchSql(query);
  const rows = await runSearchStatements(
    statements,
    query.limit,
    async (sql) => (await pool.query<SearchRow>(sql.text, sql.values)).rows,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const body = {
    items: page.map((row) => ({
      id: row.id,
      title: row.title,
      sicCode: row.sic_code,
      region: row.region,
      askingPricePence: Number(row.asking_price_pence),
      revenuePence: row.revenue_pence === null ? null : Number(row.revenue_pence),
      ebitdaPence: row.ebitda_pence === null ? null : Number(row.ebitda_pence),
      status: row.status,
      isConfidential: row.is_confidential,
      town: row.town,
      publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({
            sort,
            key: last.sort_key instanceof Date ? last.sort_key.toISOString() : String(last.sort_key),
            id: last.id,
          })
        : null,
  };
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
