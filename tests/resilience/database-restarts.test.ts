// The API survives its database going away (issue 11, section 3): the real server, as `npm start`
// runs it, under concurrent reads and authenticated writes while a real PostgreSQL is restarted
// again and again. It must never die, must answer 503 with Retry-After while the database is
// gone, must recover by itself, and writes retried with an Idempotency-Key must land exactly once.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../functions/db/apply-migrations.ts";
import { ensureLoginRole, withCredentials } from "../../functions/db/database-roles.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../functions/db/embedded-postgres.ts";
import { createDatabaseClient } from "../../functions/db/prisma-client.ts";
import { freePort } from "../support/free-port.ts";
import { REPO_ROOT } from "../support/prisma-cli.ts";
import { type RunningCommand, startCommand } from "../support/run-command.ts";
import { seedTestData } from "../support/seed.ts";
import { ACTORS } from "../support/seed-actors.ts";

const DATA_DIR = join(REPO_ROOT, ".data", `restart-test-${process.pid}`);
const RESTARTS = 10;
const APP_LOGIN = { name: "exitmatch_app_restarts", password: "app-restarts", kind: "app" } as const;

describe("the API while its database restarts", () => {
  let database: EmbeddedDatabase;
  let databasePort: number;
  let api: RunningCommand;
  let base: string;

  const startDatabase = async () => {
    database = await startEmbeddedPostgres({
      dataDir: DATA_DIR,
      port: databasePort,
      database: "exitmatch",
      settings: { fsync: "off", synchronous_commit: "off" },
    });
  };

  beforeAll(async () => {
    databasePort = await freePort();
    await startDatabase();
    await applyMigrations(database.url);
    const owner = createDatabaseClient(database.url).prisma;
    await seedTestData(owner);
    await owner.$disconnect();
    await ensureLoginRole(database.url, APP_LOGIN);
    const apiPort = await freePort();
    base = `http://127.0.0.1:${apiPort}`;
    api = startCommand("functions/cli/start.ts", [], {
      DATABASE_URL: withCredentials(database.url, APP_LOGIN.name, APP_LOGIN.password),
      DIRECT_URL: database.url,
      PORT: String(apiPort),
      LOG_LEVEL: "warn",
    });
    await api.waitFor("ExitMatch API listening on");
  }, 120_000);

  afterAll(async () => {
    api?.child.kill("SIGINT");
    await api?.exited;
    await database?.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
  });

  it(`keeps serving through ${RESTARTS} restarts: never dies, 503 while down, every keyed write lands once`, async () => {
    const login = await fetch(`${base}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ACTORS.ownerSeller, password: "ExitMatch-dev-2026" }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    const statuses = new Map<number, number>();
    const unavailable: { retryAfter: string | null; code: string }[] = [];
    let stop = false;
    const record = async (response: Response) => {
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 503) {
        unavailable.push({
          retryAfter: response.headers.get("retry-after"),
          code: ((await response.json()) as { code: string }).code,
        });
      } else {
        await response.arrayBuffer();
      }
      return response;
    };

    const reader = async () => {
      while (!stop) {
        await record(await fetch(`${base}/businesses?region=NORTH_WEST,LONDON&sort=price_asc`));
        await record(await fetch(`${base}/me`, { headers: { authorization: `Bearer ${accessToken}` } }));
      }
    };
    const keys: string[] = [];
    const writer = async (writerNo: number) => {
      for (let i = 0; !stop; i += 1) {
        const key = `restart-${writerNo}-${i}`;
        keys.push(key);
        // A client retrying as the API asks: same key, same body, after Retry-After.
        for (;;) {
          const response = await record(
            await fetch(`${base}/businesses`, {
              method: "POST",
              headers: {
                "content-type": "application/json",
                authorization: `Bearer ${accessToken}`,
                "idempotency-key": key,
              },
              body: JSON.stringify({
                title: `Listing written through a restart ${key}`,
                description: "Created exactly once, however many times the request is retried.",
                sicCode: "62020",
                region: "LONDON",
                askingPricePence: 10_000_000,
                premisesTenure: "LEASEHOLD",
              }),
            }),
          );
          if (response.status !== 503) {
            expect(response.status, key).toBe(201);
            break;
          }
          await sleep(200);
        }
      }
    };

    // More clients than the API's pool has connections (10), so requests wait for connections and
    // are handed ones the restart is about to kill: the window node-postgres leaves without an
    // 'error' listener (the API died in 3 of 3 runs of this test before every client had one).
    const load = Promise.all([
      ...Array.from({ length: 10 }, () => reader()),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => writer(n)),
    ]);
    for (let restart = 0; restart < RESTARTS; restart += 1) {
      await sleep(1200);
      await database.stop(); // fast shutdown: connected clients get 57P01
      await sleep(800);
      await startDatabase();
    }
    await sleep(1500);
    stop = true;
    await load;

    // Still the same process, still serving.
    expect(api.child.exitCode).toBeNull();
    expect(api.child.signalCode).toBeNull();
    const health = await fetch(`${base}/health`);
    expect(((await health.json()) as { status: string }).status).toBe("ok");

    // Outages were 503 with Retry-After and a stable code; nothing else was a 5xx.
    const serverErrors = [...statuses.entries()].filter(([status]) => status >= 500 && status !== 503);
    expect(serverErrors).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((entry) => entry.retryAfter === "5" && entry.code === "service_unavailable")).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(0);

    // Every write a client retried until it got its answer exists exactly once.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ title: string; n: number }>(
        "SELECT title, count(*)::int AS n FROM businesses WHERE title LIKE 'Listing written through a restart %' GROUP BY title",
      );
      const counts = new Map(rows.map((row) => [row.title.replace("Listing written through a restart ", ""), row.n]));
      expect(keys.length).toBeGreaterThan(RESTARTS);
      expect(keys.filter((key) => counts.get(key) !== 1)).toEqual([]);
      expect(rows.length).toBe(keys.length);
    } finally {
      await client.end();
    }
  }, 180_000);
});
