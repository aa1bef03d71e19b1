import type { Db } from '../../db/database';

export interface StoredSetting {
  key: string;
  /** The parsed JSON, or undefined when the row is not JSON (written by hand). */
  value: unknown;
  updatedAt: number;
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
