// @ts-check
// The Prisma CLI reads the schema engine's stdout as its protocol (JSON-RPC lines, or the
// version line). One stray line there (a library's console.log, Node's own crash report) makes
// the CLI fail with "Could not parse schema engine response" and hides the real cause. So stdout
// belongs to the protocol alone: everything else written to it goes to stderr.

const writeToStdout = process.stdout.write.bind(process.stdout);

/** Writes a protocol message (the only thing that may reach stdout). */
export function writeProtocol(/** @type {string} */ text) {
  return writeToStdout(text);
}

/** From now on, anything but writeProtocol() that writes to stdout writes to stderr instead. */
export function reserveStdoutForProtocol() {
  process.stdout.write = /** @type {typeof process.stdout.write} */ (
    (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) =>
      process.stderr.write(chunk, encoding, callback)
  );
}
