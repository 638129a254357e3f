// The baseline of bench:lambda: the least a Lambda function can do to answer the same request,
// GET /businesses/{id}, from the same database: raw pg, one query, JSON out. Bundled the same
// way as the API (infra/lib/lambda-bundle.ts).
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

export async function handler(event: { rawPath: string }) {
  const id = event.rawPath.split("/").at(-1);
  const { rows } = await pool.query(
    `SELECT id, title, description, region, sic_code, asking_price_pence::text, revenue_pence::text, ebitda_pence::text
     FROM businesses WHERE id = $1 AND status = 'PUBLISHED' AND deleted_at IS NULL`,
    [id],
  );
  return {
    statusCode: rows.length > 0 ? 200 : 404,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rows[0] ?? { error: "not found" }),
  };
}
