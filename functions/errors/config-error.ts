/**
 * A configuration mistake the operator must fix (a missing or malformed variable). Entry
 * points print only its one-line message, never a stack trace.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}
