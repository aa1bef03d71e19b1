import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertPutAllowed, assertValidKey, contentTypeOf } from './keys';
import type { FileStorage, StoredFile } from './storage';

const MISSING: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** Files in a folder of this machine (`<DATA_DIR>/files`): the embedded default. */
export class DiskStorage implements FileStorage {
  constructor(readonly root: string) {}

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    assertPutAllowed(key, contentType);
    const file = this.#path(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written beside its final name and renamed over it: a reader (or a crash) never meets half a file. The
    // temporary name starts with a dot, which no valid key does, so it is never served.
    const temp = path.join(
      path.dirname(file),
      `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    assertValidKey(key);
    try {
      return { body: await fs.readFile(this.#path(key)), contentType: contentTypeOf(key) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    // Empty folders stay: removing one could race a put that has just made it.
    await fs.rm(this.#path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    assertValidKey(key);
    try {
      return (await fs.stat(this.#path(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  #path(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}

function isMissing(error: unknown): boolean {
  return MISSING.has((error as NodeJS.ErrnoException).code ?? '');
}
