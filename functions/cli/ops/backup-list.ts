import { listBackups } from "../../ops/restore-backup.ts";
import { EXIT, type OpsCommand } from "./ops-command.ts";

export const backupList: OpsCommand = {
  usage: `
Usage: npm run ops -- backup list [--location <folder|s3://bucket/prefix>]`,
  needsDatabase: false,
  async run({ store, say }) {
    const sizes = new Map((await store.list()).map((file) => [file.name, file.bytes]));
    const backups = await listBackups(store);
    for (const backup of backups) {
      say(`${backup.dump}  ${backup.kind}  ${((sizes.get(backup.dump) ?? 0) / 1e6).toFixed(1)} MB`);
    }
    if (backups.length === 0) say(`No backups in ${store.location}.`);
    return EXIT.ok;
  },
};
