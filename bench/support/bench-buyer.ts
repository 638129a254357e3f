import pg from "pg";
import { hashPassword } from "../../functions/auth/password.ts";

/** The buyer the benchmarks sign in as: an active account with a confirmed address. */
export const BENCH_BUYER = { email: "bench.buyer@example.co.uk", password: "bench-buyer-password-2026" };

/** Creates the benchmark buyer in the database at `url` (the owner's) unless it is there. */
export async function ensureBenchBuyer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT 1 FROM users WHERE email = $1", [BENCH_BUYER.email]);
    if (rows.length > 0) return;
    await client.query(
      `INSERT INTO users (id, email, name, role, password_hash, email_verified_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'Bench Buyer', 'BUYER', $2, now(), now())`,
      [BENCH_BUYER.email, await hashPassword(BENCH_BUYER.password)],
    );
  } finally {
    await client.end();
  }
}

/** Logs the benchmark buyer in through the API at `origin`; returns its access token. */
export async function signInBenchBuyer(origin: string): Promise<string> {
  const response = await fetch(`${origin}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_BUYER),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!response.ok || !body.accessToken) {
    throw new Error(`the benchmark buyer could not log in (${response.status}): ${JSON.stringify(body)}`);
  }
  return body.accessToken;
}
