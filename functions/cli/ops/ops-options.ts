/** Every option of `npm run ops`; each command reads the ones its usage names. */
export const OPS_OPTIONS = {
  json: { type: "boolean" },
  "enable-statements": { type: "boolean" },
  analyze: { type: "boolean" },
  vacuum: { type: "boolean" },
  reindex: { type: "boolean" },
  table: { type: "string", multiple: true },
  location: { type: "string" },
  "dry-run": { type: "boolean" },
  daily: { type: "string" },
  weekly: { type: "string" },
  monthly: { type: "string" },
  into: { type: "string" },
  backup: { type: "string" },
  overwrite: { type: "boolean" },
  production: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;
