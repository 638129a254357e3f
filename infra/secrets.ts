// Secrets of a stage, set with `sst secret set <Name> <value> --stage <stage>` (docs/deploy.md).
// Functions receive them as links: encrypted in their package, never plain environment
// variables or outputs. The names are the ones functions/config/linked-resources.ts reads.
export const secrets = {
  jwtSecret: new sst.Secret("JwtSecret"),
  fieldEncryptionKeys: new sst.Secret("FieldEncryptionKeys"),
  fieldEncryptionActiveKey: new sst.Secret("FieldEncryptionActiveKey"),
  blindIndexKey: new sst.Secret("BlindIndexKey"),
  /** For the scheduled jobs that call Neon's API (snapshots, the previews' base branch). */
  neonApiKey: new sst.Secret("NeonApiKey"),
};

/** What the API and the jobs that read personal data are linked to. */
export const appSecrets = [
  secrets.jwtSecret,
  secrets.fieldEncryptionKeys,
  secrets.fieldEncryptionActiveKey,
  secrets.blindIndexKey,
];
