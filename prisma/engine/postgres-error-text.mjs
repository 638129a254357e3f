// @ts-check
// Renders a PostgreSQL error the way psql does, so a failed migration shows the server's
// own words (and where in the script it failed) instead of Prisma's summary of them.

/**
 * @param {any} error an error from `pg` (it carries severity, code, detail, hint, position)
 * @param {string} script the SQL that was sent
 * @returns {string}
 */
export function postgresErrorText(error, script) {
  // Connection failures can be AggregateErrors (one per address tried) with an empty message.
  if (error instanceof AggregateError)
    return error.errors.map((/** @type {unknown} */ inner) => postgresErrorText(inner, script)).join("; ");
  if (!error?.severity) return [error?.code, error?.message].filter(Boolean).join(": ") || String(error);
  const lines = [`${error.severity ?? "ERROR"}: ${error.message} (SQLSTATE ${error.code})`];
  if (error.position) {
    const line = script.slice(0, Number(error.position) - 1).split("\n").length;
    lines.push(`LINE ${line}: ${script.split("\n")[line - 1]?.trim() ?? ""}`);
  }
  if (error.detail) lines.push(`DETAIL: ${error.detail}`);
  if (error.hint) lines.push(`HINT: ${error.hint}`);
  if (error.where) lines.push(`CONTEXT: ${error.where}`);
  return lines.join("\n");
}
