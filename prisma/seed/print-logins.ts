import { DEVELOPMENT_PASSWORD } from "./seed-data.ts";
import { developmentLogins } from "./seed-database.ts";

/** The development logins as a table, for the seed command and the first `npm start`. */
export function formatDevelopmentLogins(): string {
  const logins = developmentLogins();
  const width = Math.max(...logins.map((login) => login.email.length));
  const lines = logins.map((login) => `  ${login.role.padEnd(8)} ${login.email.padEnd(width)}  ${login.name}`);
  return [`Development logins (password for all: ${DEVELOPMENT_PASSWORD}):`, ...lines].join("\n");
}
