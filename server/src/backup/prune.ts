import fsp from 'node:fs/promises';
import path from 'node:path';
import { readManifest } from './manifest';

/**
 * `--keep N`: of the backups beside the one just made (folders of the same parent with a manifest of ours), the
 * newest N stay and the older ones are removed. A folder without a readable manifest is never touched: it is not
 * ours, or it is a backup still being written.
 */
export async function pruneBackups(
  made: string,
  keep: number,
  say: (line: string) => void = () => undefined,
): Promise<string[]> {
  const parent = path.dirname(made);
  const backups: { dir: string; createdAt: string }[] = [];
  for (const entry of await fsp.readdir(parent, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(parent, entry.name);
    const manifest = await readManifest(dir).catch(() => null);
    if (manifest) backups.push({ dir, createdAt: manifest.createdAt });
  }
  const older = backups
    .filter((b) => b.dir !== made)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .slice(Math.max(0, keep - 1));
  for (const { dir } of older) {
    await fsp.rm(dir, { recursive: true, force: true });
    say(`Removed the older backup ${dir} (keeping ${keep})`);
  }
  return older.map((b) => b.dir);
}
