import { describe, expect, it } from "vitest";
import { withDatabaseName } from "../../functions/db/database-url.ts";
import { freePort } from "../support/free-port.ts";
import { runCommand } from "../support/run-command.ts";
import { serverUrl } from "../support/test-database.ts";

// docs/operations.md, "Connection problems": each of these is one line saying what to check.
describe("commands that cannot reach the database say why in one line", () => {
  it("names the address when nothing is listening", async () => {
    const port = await freePort();
    const result = await runCommand("functions/cli/ops.ts", ["health"], {
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/exitmatch`,
      DIRECT_URL: "",
    });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe(
      `Error: Nothing is listening at 127.0.0.1:${port}: is PostgreSQL running there? (With no DATABASE_URL, npm start runs the embedded one.)`,
    );
  });

  it("names a database that does not exist", async () => {
    const result = await runCommand("functions/cli/ops.ts", ["health"], {
      DATABASE_URL: withDatabaseName(serverUrl(), "exitmatch_no_such_database"),
      DIRECT_URL: "",
    });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe(
      'Error: database "exitmatch_no_such_database" does not exist (3D000): create it, or fix the database name in the URL.',
    );
  });
});
