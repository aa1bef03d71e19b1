import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { serverRootUrl } from '../server-root';

/**
 * manifest.json, written last into a backup folder: a folder without one is an unfinished backup, never restored.
 * It lists every other file of the folder with its size and SHA-256, so a restore proves the copy is whole before
 * it writes anything.
 */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'computer-shop-backup';
/** Where the parts live inside a backup folder. */
export const DATABASE_FILE = 'shop.sqlite';
export const FILES_DIR = 'files';
export const KEY_FILE = 'secrets.key';

export const SECRET_WARNING =
  'This folder is as secret as the shop itself: secrets.key opens the secrets stored in its database (the Bakong ' +
  'token, the SMTP password), and the database holds customers, orders and password hashes. Keep it readable by ' +
  'the shop account only (it is made 0700) and encrypt any copy that leaves the machine.';

const fileSchema = z.object({
  path: z.string().min(1),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof fileSchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  tookMs: z.number(),
  appVersion: z.string(),
  secret: z.string(),
  database: z.discriminatedUnion('dialect', [
    z.object({ dialect: z.literal('sqlite'), file: z.literal(DATABASE_FILE) }),
    z.object({ dialect: z.literal('mysql'), host: z.string(), database: z.string(), dump: z.string() }),
  ]),
  /** The last migration applied: what the schema is. */
  schemaVersion: z.string().nullable(),
  rowCounts: z.record(z.string(), z.number()),
  uploads: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('disk'), files: z.number(), bytes: z.number() }),
    z.object({ kind: z.literal('s3'), bucket: z.string(), prefix: z.string(), note: z.string() }),
  ]),
  /** included: secrets.key is in the folder; environment: the key is SECRETS_KEY, kept elsewhere; none: no key yet. */
  secretsKey: z.enum(['included', 'environment', 'none']),
  files: z.array(fileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const appVersion = (createRequire(serverRootUrl)('./package.json') as { version: string }).version;

/** Copies a file and answers its size and SHA-256, read once. */
export async function copyWithChecksum(
  from: string,
  to: string,
  mode?: number,
): Promise<Omit<ManifestFile, 'path'>> {
  // Opened before the copy is made: a file that is not there (ENOENT) leaves no empty copy behind.
  const source = await fsp.open(from);
  await fsp.mkdir(path.dirname(to), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    source.createReadStream(),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
    fs.createWriteStream(to, { flags: 'wx', ...(mode !== undefined && { mode }) }),
  );
  return { bytes, sha256: hash.digest('hex') };
}

export async function checksumOf(file: string): Promise<Omit<ManifestFile, 'path'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Every file under `root` as a path relative to it (with '/'), skipping dot-files: a disk store's half-written temporaries. */
export async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
      else if (entry.isFile()) found.push(relative);
    }
  };
  await walk(root, '');
  return found;
}

/** The manifest of a backup folder, or why the folder cannot be restored. */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await fsp.readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(
        `${dir} has no ${MANIFEST_FILE}: not a backup, or one that did not finish (the manifest is written last)`,
      );
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError(`${path.join(dir, MANIFEST_FILE)} is not JSON: the backup is damaged`);
  }
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success)
    throw new BackupError(
      `${path.join(dir, MANIFEST_FILE)} is not a manifest this version reads: ` +
        manifest.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
    );
  return manifest.data;
}

/** A backup or restore refused or failed for a reason the operator can act on; the message says what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}
