import fsp from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Config } from '../config';
import { dialectOfUrl, openDatabase } from '../db/database';
import { backUpSqliteFile } from '../db/sqlite-backup';
import { SECRET_KEY_FILE } from '../secrets/secret-key';
import { mysqlDumpAdvice } from './mysql-advice';
import {
  appVersion,
  BACKUP_FORMAT,
  BackupError,
  checksumOf,
  copyWithChecksum,
  DATABASE_FILE,
  FILES_DIR,
  filesUnder,
  KEY_FILE,
  MANIFEST_FILE,
  SECRET_WARNING,
  type Manifest,
  type ManifestFile,
} from './manifest';
import { appliedMigrations, countRows } from './snapshot-repo';

export interface BackupResult {
  dir: string;
  manifest: Manifest;
  /** Bytes of the whole folder. */
  bytes: number;
}

/**
 * `npm run shop -- backup <dir>`: a consistent copy of a shop that goes on selling. In order: the database (SQLite's
 * online backup; on MySQL advice and a connection check), then the uploaded files, then the secrets key, then the
 * manifest. The files come after the database so every picture the copied database names is there (one uploaded
 * since is there too, harmlessly; only one deleted in between can be missing).
 */
export async function backUpShop(
  config: Config,
  target: string,
  say: (line: string) => void = () => undefined,
): Promise<BackupResult> {
  const started = performance.now();
  const dir = path.resolve(target);
  const created = await claimEmptyFolder(dir);
  try {
    return await writeBackup(config, dir, started, say);
  } catch (error) {
    // The folder was new or empty: what is in it now is this failed attempt's, and half a backup is none.
    if (created) await fsp.rm(dir, { recursive: true, force: true });
    else
      for (const entry of await fsp.readdir(dir))
        await fsp.rm(path.join(dir, entry), { recursive: true, force: true });
    throw error;
  }
}

async function writeBackup(
  config: Config,
  dir: string,
  started: number,
  say: (line: string) => void,
): Promise<BackupResult> {
  const files: ManifestFile[] = [];
  const database = await backUpDatabase(config, dir, files, say);
  const uploads = await backUpUploads(config, dir, files, say);
  const secretsKey = await backUpSecretsKey(config, dir, files, say);
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    tookMs: Math.round(performance.now() - started),
    appVersion,
    secret: SECRET_WARNING,
    database: database.part,
    schemaVersion: database.schemaVersion,
    rowCounts: database.rowCounts,
    uploads,
    secretsKey,
    files,
  };
  await fsp.writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', {
    flag: 'wx',
    mode: 0o600,
  });
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  return { dir, manifest, bytes };
}

/**
 * A backup goes into a new or empty folder only: never over another backup, never into a folder of other files.
 * Answers whether it made the folder.
 */
async function claimEmptyFolder(dir: string): Promise<boolean> {
  const entries = await fsp.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (entries && entries.length > 0)
    throw new BackupError(
      `${dir} is not empty: a backup goes into a new folder (e.g. /var/backups/shop/$(date +%F-%H%M)), ` +
        'never over an earlier backup or other files',
    );
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  await fsp.chmod(dir, 0o700);
  return entries === null;
}

interface DatabasePart {
  part: Manifest['database'];
  schemaVersion: string | null;
  rowCounts: Record<string, number>;
}

async function backUpDatabase(
  config: Config,
  dir: string,
  files: ManifestFile[],
  say: (line: string) => void,
): Promise<DatabasePart> {
  if (dialectOfUrl(config.databaseUrl) === 'mysql') return checkMysql(config, say);
  const source = config.databaseUrl.slice('sqlite:'.length);
  if (source === ':memory:')
    throw new BackupError('DATABASE_URL is sqlite::memory:: there is nothing to back up');
  await fsp.access(source).catch(() => {
    throw new BackupError(`There is no database at ${source}: is DATA_DIR (or DATABASE_URL) the shop's?`);
  });
  const copy = path.join(dir, DATABASE_FILE);
  const started = performance.now();
  const { pages } = await backUpSqliteFile(source, copy);
  // Read from the copy, not the live shop: the manifest describes what the folder holds.
  const opened = await openDatabase(`sqlite:${copy}`);
  let schemaVersion: string | null;
  let rowCounts: Record<string, number>;
  try {
    schemaVersion = (await appliedMigrations(opened.db)).at(-1) ?? null;
    rowCounts = await countRows(opened.db);
  } finally {
    await opened.close();
  }
  const sum = await checksumOf(copy);
  files.push({ path: DATABASE_FILE, ...sum });
  say(
    `Database: ${source} copied by SQLite's online backup (${pages.toLocaleString('en-US')} pages, ` +
      `${megabytes(sum.bytes)}, ${seconds(started)}); schema ${schemaVersion ?? 'empty'}; ` +
      `${rowCounts.orders?.toLocaleString('en-US')} orders, ${rowCounts.order_items?.toLocaleString('en-US')} order lines`,
  );
  return { part: { dialect: 'sqlite', file: DATABASE_FILE }, schemaVersion, rowCounts };
}

/**
 * A MySQL shop is dumped by MySQL's own tools (or the provider's backups), which take a consistent snapshot without
 * locking; this command checks it can reach the database, records its schema version and sizes, and says how.
 */
async function checkMysql(config: Config, say: (line: string) => void): Promise<DatabasePart> {
  const { host, database, dump } = mysqlDumpAdvice(config.databaseUrl);
  let opened;
  try {
    opened = await openDatabase(config.databaseUrl, { connectAttempts: config.dbConnectAttempts });
  } catch (error) {
    throw new BackupError(`Cannot reach the shop's MySQL database: ${(error as Error).message}`);
  }
  try {
    const schemaVersion = (await appliedMigrations(opened.db)).at(-1) ?? null;
    const rowCounts = schemaVersion ? await countRows(opened.db) : {};
    say(
      `Database: MySQL ${database} at ${host} answers (schema ${schemaVersion ?? 'empty'}); it is not dumped here.`,
    );
    say("  Back it up with your provider's managed backups (point-in-time recovery), or with:");
    say(`  ${dump}`);
    return { part: { dialect: 'mysql', host, database, dump }, schemaVersion, rowCounts };
  } finally {
    await opened.close();
  }
}

async function backUpUploads(
  config: Config,
  dir: string,
  files: ManifestFile[],
  say: (line: string) => void,
): Promise<Manifest['uploads']> {
  const { storage } = config;
  if (storage.kind === 's3') {
    const where = `s3://${storage.bucket}${storage.prefix ? `/${storage.prefix}` : ''}`;
    const note =
      `Uploaded files live in ${where}${storage.endpoint ? ` (${storage.endpoint})` : ''}, not in this folder: ` +
      'back the bucket up with its provider (versioning, replication or a scheduled copy such as `aws s3 sync`).';
    say(`Uploads: ${note}`);
    return { kind: 's3', bucket: storage.bucket, prefix: storage.prefix, note };
  }
  const started = performance.now();
  let bytes = 0;
  const found = await filesUnder(storage.dir);
  for (const relative of found) {
    const sum = await copyWithChecksum(
      path.join(storage.dir, ...relative.split('/')),
      path.join(dir, FILES_DIR, ...relative.split('/')),
    ).catch((error: NodeJS.ErrnoException) => {
      // Deleted between the listing and the copy (a picture removed meanwhile): the copied database may still
      // name it, as the live shop did a moment ago.
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!sum) continue;
    files.push({ path: `${FILES_DIR}/${relative}`, ...sum });
    bytes += sum.bytes;
  }
  const copied = files.filter((f) => f.path.startsWith(`${FILES_DIR}/`)).length;
  say(
    `Uploads: ${copied.toLocaleString('en-US')} files from ${storage.dir} (${megabytes(bytes)}, ${seconds(started)})`,
  );
  return { kind: 'disk', files: copied, bytes };
}

async function backUpSecretsKey(
  config: Config,
  dir: string,
  files: ManifestFile[],
  say: (line: string) => void,
): Promise<Manifest['secretsKey']> {
  if (config.secretsKey) {
    say(
      'Secrets key: SECRETS_KEY comes from the environment and is not in this folder: keep it with the backups.',
    );
    return 'environment';
  }
  const source = path.join(config.dataDir, SECRET_KEY_FILE);
  try {
    files.push({ path: KEY_FILE, ...(await copyWithChecksum(source, path.join(dir, KEY_FILE), 0o600)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    say(`Secrets key: none at ${source} (the server makes it at its first start).`);
    return 'none';
  }
  say(`Secrets key: ${source} copied. ${SECRET_WARNING}`);
  return 'included';
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
