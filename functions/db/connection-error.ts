/**
 * A one-line explanation of a failure to reach PostgreSQL, or undefined for anything else.
 * These are the errors an operator meets first (docs/operations.md, "Connection problems").
 */
export function describeConnectionError(error: unknown): string | undefined {
  const { code, address, port, hostname, message } = (error ?? {}) as {
    code?: string;
    address?: string;
    port?: number;
    hostname?: string;
    message?: string;
  };
  switch (code) {
    case "ECONNREFUSED":
      return `Nothing is listening at ${address}:${port}: is PostgreSQL running there? (With no DATABASE_URL, npm start runs the embedded one.)`;
    case "ENOTFOUND":
      return `The database host ${hostname} does not resolve: check the host name in the URL.`;
    case "ETIMEDOUT":
      return `The database server did not answer in time${address ? ` (${address}:${port})` : ""}: check the host, the port and any firewall.`;
    case "28P01":
      return "PostgreSQL refused the password for the user in the URL (28P01): check the user name and password.";
    case "3D000":
      return `${message} (3D000): create it, or fix the database name in the URL.`;
    case "28000":
      return `${message} (28000): the server's pg_hba.conf does not allow this connection; TLS may be required (?sslmode=require).`;
    default:
      return undefined;
  }
}
