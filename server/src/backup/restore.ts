import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { dialectOfUrl, openDatabase } from '../db/database';
import { migrationNames } from '../db/migrate';
import { SECRET_KEY_FILE } from '../secrets/secret-key';
import { countersOffTheLedger, type LedgerDisagreement } from '../modules/inventory/ledger-check-repo';
import {
  BackupError,
  checksumOf,
  DATABASE_FILE,
  FILES_DIR,
  KEY_FILE,
  readManifest,
  type Manifest,
} from './manifest';
import { appliedMigrations, countRows } from './snapshot-repo';

export interface RestoreResult {
  manifest: Manifest;
  /** Files written, with the bytes of them all. */
  files: number;
  bytes: number;
  /** The restored database's schema, and whether the server will bring it up to date at its start. */
  schemaVersion: string | null;
  migratesAtStart: boolean;
  /** null: no database was restored (a MySQL shop's backup: load the dump yourself). */
  ledger: { products: number; disagreements: LedgerDisagreement[] } | null;
  rowCounts: Record<string, number> | null;
}

/**
 * `npm run shop -- restore <dir>`: a backup into an empty data folder. Everything is checked before anything is
 * written: the manifest, that this code knows the schema (a newer one would be refused by this server anyway), that
 * the target holds no shop, and every file's size and SHA-256. Then the files are copied (what was written is taken
 * away again if a copy fails), and the restored database's ledger is checked: each product's counters against the
 * sum of its movements.
 */
export async function restoreShop(
  config: Config,
  source: string,
  say: (line: string) => void = () => undefined,
): Promise<RestoreResult> {
  const dir = path.resolve(source);
  const manifest = await readManifest(dir);
  refuseUnknownSchema(manifest);
  const databaseFile = restoredDatabaseFile(config, manifest);
  await refuseLiveShop(config, databaseFile);
  await verifyChecksums(dir, manifest);
  say(
    `Checked ${manifest.files.length.toLocaleString('en-US')} files of the backup of ${manifest.createdAt}: all whole.`,
  );

  const targets = manifest.files.map((file) => ({ file, to: targetOf(config, databaseFile, file.path) }));
  const written: string[] = [];
  try {
    await fsp.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    for (const { file, to } of targets) {
      await fsp.mkdir(path.dirname(to), { recursive: true });
      await fsp.copyFile(path.join(dir, ...file.path.split('/')), to, fsp.constants.COPYFILE_EXCL);
      written.push(to);
      if (file.path === KEY_FILE) await fsp.chmod(to, 0o600);
    }
  } catch (error) {
    await Promise.all(written.map((file) => fsp.rm(file, { force: true })));
    throw error;
  }
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  say(
    `Restored ${written.length.toLocaleString('en-US')} files (${(bytes / 1024 / 1024).toFixed(1)} MB) into ${config.dataDir}`,
  );
  if (manifest.secretsKey === 'environment')
    say('The backup used SECRETS_KEY from the environment: set the same SECRETS_KEY for this shop.');
  else if (manifest.secretsKey === 'included' && config.secretsKey)
    say(
      'SECRETS_KEY is set here and wins over the restored secrets.key: unset it if it is not the same key.',
    );

  const checked = await checkRestoredDatabase(config, databaseFile, manifest, say);
  return { manifest, files: written.length, bytes, ...checked };
}

function refuseUnknownSchema(manifest: Manifest): void {
  const version = manifest.schemaVersion;
  if (version !== null && !migrationNames.includes(version))
    throw new BackupError(
      `The backup's schema (${version}) is newer than this version of the shop knows (${migrationNames.at(-1)}): ` +
        `restore it with the shop's version ${manifest.appVersion} or later`,
    );
}

/** Where the SQLite database goes (DATABASE_URL's file); null for a MySQL shop's backup, which holds no database. */
function restoredDatabaseFile(config: Config, manifest: Manifest): string | null {
  const mysqlHere = dialectOfUrl(config.databaseUrl) === 'mysql';
  if (manifest.database.dialect === 'mysql') {
    if (!mysqlHere)
      throw new BackupError(
        `This is a MySQL shop's backup (${manifest.database.database} at ${manifest.database.host}), and this shop's ` +
          'DATABASE_URL is SQLite: set DATABASE_URL to the MySQL database you load the dump into',
      );
    return null;
  }
  if (mysqlHere)
    throw new BackupError(
      "This backup holds a SQLite database, and this shop's DATABASE_URL is MySQL: restore it with the default " +
        'SQLite database (leave DATABASE_URL unset)',
    );
  const file = config.databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:') throw new BackupError('DATABASE_URL is sqlite::memory:: nowhere to restore to');
  return file;
}

/**
 * A restore never writes over a shop: the data folder must be new or empty, and no database may be where the
 * restored one goes (DATABASE_URL may put it outside the folder), nor files where the uploads go.
 */
async function refuseLiveShop(config: Config, databaseFile: string | null): Promise<void> {
  const move = (what: string) =>
    `${what}: restore never overwrites a shop. Stop the shop, move the folder away ` +
    `(mv ${config.dataDir} ${config.dataDir}.old), or point DATA_DIR at a new empty folder, then restore again`;
  if (databaseFile && (await exists(databaseFile)))
    throw new BackupError(move(`${databaseFile} holds a shop's database`));
  const inFolder = await entriesOf(config.dataDir);
  if (inFolder.length > 0)
    throw new BackupError(
      move(`DATA_DIR ${config.dataDir} is not empty (${inFolder.slice(0, 3).join(', ')})`),
    );
  if (config.storage.kind === 'disk' && (await entriesOf(config.storage.dir)).length > 0)
    throw new BackupError(move(`The uploads folder ${config.storage.dir} is not empty`));
}

async function verifyChecksums(dir: string, manifest: Manifest): Promise<void> {
  for (const file of manifest.files) {
    if (!isInside(file.path))
      throw new BackupError(`The manifest names ${JSON.stringify(file.path)}, outside the backup: refused`);
    const actual = await checksumOf(path.join(dir, ...file.path.split('/'))).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT')
          throw new BackupError(`${file.path} is missing from the backup: nothing restored`);
        throw error;
      },
    );
    if (actual.bytes !== file.bytes || actual.sha256 !== file.sha256)
      throw new BackupError(
        `${file.path} is not the file the backup wrote (${actual.bytes} bytes, sha256 ${actual.sha256.slice(0, 12)}…; ` +
          `the manifest says ${file.bytes} bytes, ${file.sha256.slice(0, 12)}…): the backup is damaged, nothing restored`,
      );
  }
}

/** A manifest path names a file inside the folder: the database, the key, or something under files/. */
function isInside(relative: string): boolean {
  if (relative === DATABASE_FILE || relative === KEY_FILE) return true;
  const segments = relative.split('/');
  return (
    segments[0] === FILES_DIR &&
    segments.length > 1 &&
    segments.every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\'))
  );
}

function targetOf(config: Config, databaseFile: string | null, relative: string): string {
  if (relative === DATABASE_FILE) return databaseFile!;
  if (relative === KEY_FILE) return path.join(config.dataDir, SECRET_KEY_FILE);
  const inStore = relative.split('/').slice(1);
  if (config.storage.kind === 'disk') return path.join(config.storage.dir, ...inStore);
  throw new BackupError(
    "This backup holds uploaded files and this shop keeps its files in S3 (STORAGE_URL): copy the backup's " +
      'files/ folder into the bucket (e.g. aws s3 sync files/ s3://bucket/prefix/) and restore without STORAGE_URL, or unset it',
  );
}

async function checkRestoredDatabase(
  config: Config,
  databaseFile: string | null,
  manifest: Manifest,
  say: (line: string) => void,
): Promise<Pick<RestoreResult, 'schemaVersion' | 'migratesAtStart' | 'ledger' | 'rowCounts'>> {
  if (!databaseFile) {
    if (manifest.database.dialect === 'mysql')
      say(
        `The database is not in this backup: load your dump into ${manifest.database.database} ` +
          '(gunzip < shop-….sql.gz | mysql --default-character-set=utf8mb4 …) before starting the shop.',
      );
    return { schemaVersion: manifest.schemaVersion, migratesAtStart: false, ledger: null, rowCounts: null };
  }
  const opened = await openDatabase(config.databaseUrl);
  try {
    const schemaVersion = (await appliedMigrations(opened.db)).at(-1) ?? null;
    const migratesAtStart = schemaVersion !== migrationNames.at(-1);
    const rowCounts = await countRows(opened.db);
    const ledger = await countersOffTheLedger(opened.db);
    say(
      `Schema ${schemaVersion ?? 'empty'}` +
        (migratesAtStart
          ? `: older than this code's ${migrationNames.at(-1)}, brought up to date when the shop starts`
          : ': current'),
    );
    say(
      Object.entries(rowCounts)
        .map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`)
        .join(', '),
    );
    if (ledger.disagreements.length === 0)
      say(
        `Ledger: the stock counters of all ${ledger.products.toLocaleString('en-US')} products equal their movements.`,
      );
    else
      for (const d of ledger.disagreements)
        say(
          `Ledger: product ${d.productId} counts ${d.onHand} on hand / ${d.reserved} reserved, its movements sum to ` +
            `${d.ledgerOnHand} / ${d.ledgerReserved}`,
        );
    return { schemaVersion, migratesAtStart, ledger, rowCounts };
  } finally {
    await opened.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return fsp.access(file).then(
    () => true,
    () => false,
  );
}

async function entriesOf(dir: string): Promise<string[]> {
  return fsp.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}
