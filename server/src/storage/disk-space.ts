import fs from 'node:fs/promises';
import path from 'node:path';
import type { StorageConfig } from '../config';

export interface FileStoreSpace {
  kind: 'disk' | 'object_storage';
  freeBytes: number | null;
  totalBytes: number | null;
}

/**
 * Free and total bytes of the disk that holds the uploaded files; no figures for object storage, whose space is the
 * provider's. Free is what this (unprivileged) process may still write, not counting the blocks kept for root.
 */
export async function fileStoreSpace(storage: StorageConfig): Promise<FileStoreSpace> {
  if (storage.kind !== 'disk') return { kind: 'object_storage', freeBytes: null, totalBytes: null };
  const stats = await fs.statfs(await nearestFolder(storage.dir));
  return { kind: 'disk', freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

/** The files folder is made with the first upload: until then its disk is that of the nearest folder above it. */
async function nearestFolder(dir: string): Promise<string> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const found = await fs.stat(at).catch(() => null);
    if (found?.isDirectory() || at === path.dirname(at)) return at;
  }
}
