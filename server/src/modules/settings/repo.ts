import type { Db } from '../../db/database';
import { orUpdate } from '../../db/dialect';
import type { SettingTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

export interface StoredSetting {
  key: string;
  /** The parsed JSON, or undefined when the row is not JSON (written by hand). */
  value: unknown;
  updatedAt: number;
}

/** One setting's stored value (parsed JSON), or undefined when it was never set or is not JSON. */
export async function findSettingValue(db: Db | Tx, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return row ? parseJson(row.value_json) : undefined;
}

/** Creates or replaces one setting's row, in one atomic statement (db/dialect.ts). */
export async function saveSetting(tx: Tx, row: SettingTable): Promise<void> {
  await orUpdate(tx, tx.insertInto('settings').values(row), 'key', {
    value_json: row.value_json,
    updated_at: row.updated_at,
  }).execute();
}

/** Every stored setting, by key. */
export async function listStoredSettings(db: Db): Promise<StoredSetting[]> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value_json', 'updated_at'])
    .orderBy('key')
    .execute();
  return rows.map((row) => ({
    key: row.key,
    value: parseJson(row.value_json),
    updatedAt: Number(row.updated_at),
  }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Takes the write locks of these settings' rows for the rest of the transaction, in key order (no deadlocks between
 * two changes of several settings), before they are read: on MySQL two changes of one setting then run one after
 * the other instead of each merging into what it read before the other committed (a lost update). A no-op update
 * locks on both dialects; SQLite's `begin immediate` already serializes writers.
 */
export async function lockSettings(tx: Tx, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx
      .updateTable('settings')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('key', '=', key)
      .execute();
  }
}

/** Removes one setting's row: the server goes back to what it used before the setting was entered. */
export async function deleteSetting(tx: Tx, key: string): Promise<void> {
  await tx.deleteFrom('settings').where('key', '=', key).execute();
}

/** One setting's stored value and when it was written, or undefined when it was never set. */
export async function findStoredSetting(db: Db | Tx, key: string): Promise<StoredSetting | undefined> {
  const row = await db
    .selectFrom('settings')
    .select(['key', 'value_json', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { key: row.key, value: parseJson(row.value_json), updatedAt: Number(row.updated_at) };
}
