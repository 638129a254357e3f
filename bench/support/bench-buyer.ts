import pg from "pg";
import { hashPassword } from "../../functions/auth/password.ts";

/** The password of the buyers the benchmarks sign in as. */
const BENCH_BUYER_PASSWORD = "bench-buyer-password-2026";

/** The address of benchmark buyer `n` (1-based). */
const benchBuyerEmail = (n: number) => `bench.buyer.${n}@example.co.uk`;

/**
 * Creates `count` benchmark buyers (active, address confirmed) in the database at `url` (the
 * owner's), those not there yet. Several, not one: what one person does concurrently contends on
 * their own account row (the activity log's foreign key locks it), which real traffic spread over
 * many people does not.
 */
export async function ensureBenchBuyers(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const passwordHash = await hashPassword(BENCH_BUYER_PASSWORD);
    for (let n = 1; n <= count; n += 1) {
      await client.query(
        `INSERT INTO users (id, email, name, role, password_hash, email_verified_at, updated_at)
         SELECT gen_random_uuid(), $1, $2, 'BUYER', $3, now(), now()
         WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = $1)`,
        [benchBuyerEmail(n), `Bench Buyer ${n}`, passwordHash],
      );
    }
  } finally {
    await client.end();
  }
}

/** Logs benchmark buyers 1..count in through the API at `origin`; returns their access tokens. */
export async function signInBenchBuyers(origin: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const response = await fetch(`${origin}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: benchBuyerEmail(n), password: BENCH_BUYER_PASSWORD }),
    });
    const body = (await response.json()) as { accessToken?: string };
    if (!response.ok || !body.accessToken) {
      throw new Error(`benchmark buyer ${n} could not log in (${response.status}): ${JSON.stringify(body)}`);
    }
    tokens.push(body.accessToken);
  }
  return tokens;
}
