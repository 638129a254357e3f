import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import type { ObjectStorage } from "./object-storage.ts";

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_-]*$/;

/**
 * Files under a folder on this machine. Keys are server-made (`deal-rooms/<id>/<id>`), never user
 * input. `appendOnly`: objects are created once, read-only, and never replaced or removed through
 * it (the audit chain's anchors in development; in the cloud, a bucket with object lock).
 */
export class LocalDiskStorage implements ObjectStorage {
  private readonly root: string;

  constructor(
    root: string,
    private readonly options: { appendOnly?: boolean } = {},
  ) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // Defence in depth: no key may point outside the root.
    if (!KEY_PATTERN.test(key) || key.includes("..") || !path.startsWith(this.root + sep)) {
      throw new Error(`Invalid storage key: ${key}`);
    }
    return path;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    if (this.options.appendOnly) {
      if (!(await this.create(key, bytes, contentType)))
        throw new Error(`${key} exists and this storage never replaces`);
      return;
    }
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }

  async create(key: string, bytes: Uint8Array, _contentType: string): Promise<boolean> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    try {
      // "wx": fails if the file exists, atomically.
      await writeFile(path, bytes, { flag: "wx", mode: this.options.appendOnly ? 0o444 : 0o644 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    try {
      const entries = await readdir(this.root, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(this.root, resolve(entry.parentPath, entry.name)).split(sep).join("/"))
        .filter((key) => key.startsWith(prefix) && KEY_PATTERN.test(key))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      // A plain Uint8Array, like every other storage, not a Node Buffer.
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (this.options.appendOnly) throw new Error(`${key}: this storage never removes`);
    await rm(this.pathOf(key), { force: true });
  }
}
