import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.ts";

/** Where Debian's `pgbouncer` package installs the binary, or undefined. */
export function findPgbouncer(): string | undefined {
  for (const candidate of ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"]) {
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync("which", ["pgbouncer"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

export interface RunningPgbouncer {
  /** `postgresql://…@127.0.0.1:<port>/<database>?pgbouncer=true` */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * A real pgbouncer in transaction pooling mode in front of `serverUrl`, with a deliberately
 * small server pool so that concurrent clients share server connections.
 */
export async function startPgbouncer(binary: string, serverUrl: string, poolSize = 2): Promise<RunningPgbouncer> {
  const server = new URL(serverUrl);
  const dir = await mkdtemp(join(tmpdir(), "exitmatch-pgbouncer-"));
  const port = await freePort();
  const password = decodeURIComponent(server.password);
  const user = decodeURIComponent(server.username) || "postgres";
  await writeFile(join(dir, "userlist.txt"), `"${user}" "${password}"\n`);
  await writeFile(
    join(dir, "pgbouncer.ini"),
    `[databases]
* = host=${server.hostname} port=${server.port || 5432} user=${user}${password ? ` password=${password}` : ""}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${join(dir, "userlist.txt")}
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 200
ignore_startup_parameters = extra_float_digits,options
`,
  );
  // pgbouncer refuses to run as root; -u drops to an unprivileged user.
  const args = [...(process.getuid?.() === 0 ? ["-u", "nobody"] : []), join(dir, "pgbouncer.ini")];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes("process up")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`pgbouncer exited (${code}) before it was up:\n${log}`)));
    setTimeout(() => reject(new Error(`pgbouncer did not start in 10 s:\n${log}`)), 10_000);
  });
  return {
    urlFor: (database) => `postgresql://${user}@127.0.0.1:${port}/${database}?pgbouncer=true`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
