// The startup benchmark's baseline: start a bare embedded PostgreSQL, run SELECT 1, stop.
// Usage: tsx bench/bare-database-start.ts <data-dir> <port>
import pg from "pg";
import { startEmbeddedPostgres } from "../functions/db/embedded-postgres.ts";

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) {
  process.stderr.write("Usage: tsx bench/bare-database-start.ts <data-dir> <port>\n");
  process.exit(2);
}
const db = await startEmbeddedPostgres({ dataDir, port: Number(port), database: "bench" });
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query("SELECT 1");
await client.end();
await db.stop();
process.exit(0);
