import fs from 'node:fs';
import path from 'node:path';
import type { LocalDb } from './open';

/** Small facts about this counter's sync, as key → JSON in `sync_state`. */
export interface SyncStateValues {
  cursor: number;
  deviceId: string;
  deviceName: string;
  serverUrl: string;
  lastSyncAt: number;
  lastPushAt: number;
  /** A pull from 0 asked for by the server (its feed was compacted past our cursor) is under way. */
  pullingAfresh: boolean;
}

export function readState<K extends keyof SyncStateValues>(db: LocalDb, key: K): SyncStateValues[K] | null {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as SyncStateValues[K]) : null;
}

export function writeState<K extends keyof SyncStateValues>(
  db: LocalDb,
  key: K,
  value: SyncStateValues[K],
): void {
  db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

/**
 * The device token lives in its own file, readable by this OS user only (0600), not in the database: the database
 * gets copied for support and backups, the token must not travel with it.
 */
const tokenFile = 'device-token';

export function saveDeviceToken(dataDir: string, token: string): void {
  const file = path.join(dataDir, tokenFile);
  fs.writeFileSync(file, token, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export function readDeviceToken(dataDir: string): string | null {
  try {
    return fs.readFileSync(path.join(dataDir, tokenFile), 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The next number of a device counter (receipt numbers), inside the caller's transaction. */
export function nextCounter(db: LocalDb, name: string): number {
  const row = db
    .prepare(
      `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    )
    .get(name) as { value: number };
  return row.value;
}
