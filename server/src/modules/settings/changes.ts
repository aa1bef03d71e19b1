import { shopSettingSchemas, type ShopSettingKey, type ShopSettingValue } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { Invalid } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { currentSetting } from './current';
import { lockSettings } from './repo';
import { getSetting, setSetting } from './service';

/** One setting to change: its new value, made from the one the server uses now (null when it has none). */
export type SettingChange = {
  [K in ShopSettingKey]: { key: K; next(current: ShopSettingValue<K> | null): unknown };
}[ShopSettingKey];

/**
 * Who changed it and through what, kept in the audit row: a signed-in user, or for `npm run shop` no user and
 * `{ source: 'cli' }` with the operating-system account that ran it.
 */
export interface SettingChangeOrigin {
  actor: Actor;
  source: 'cli' | 'back-office';
  osUser?: string;
}

export interface ChangedSetting {
  key: ShopSettingKey;
  value: unknown;
}

/**
 * Checks each new value against the setting's shared schema and stores them all, each with an audit row, in one
 * transaction; when any is invalid nothing is stored and `Invalid` names every field with its problem. Servers read
 * settings from the database, so running ones use the change from their next read (shop-info.ts bounds its cache).
 */
export async function changeSettings(
  db: Db,
  changes: readonly SettingChange[],
  origin: SettingChangeOrigin,
): Promise<ChangedSetting[]> {
  return inTransaction(db, async (tx) => {
    const checked: ChangedSetting[] = [];
    const problems: Record<string, string> = {};
    await lockSettings(
      tx,
      changes.map((change) => change.key),
    );
    for (const change of changes) {
      // TypeScript cannot tie a union member's key to its own `next`; each change is built with its key, so they match.
      const current = await (currentSetting[change.key] as (db: typeof tx) => Promise<unknown>)(tx);
      const candidate = (change.next as (current: unknown) => unknown)(current);
      const parsed = shopSettingSchemas[change.key].safeParse(candidate);
      if (parsed.success) checked.push({ key: change.key, value: parsed.data });
      else
        for (const issue of parsed.error.issues)
          problems[issue.path.join('.') || change.key] ??= issue.message;
    }
    if (Object.keys(problems).length > 0)
      throw new Invalid('Nothing was changed: some values are not valid', problems);

    const by = { source: origin.source, ...(origin.osUser && { osUser: origin.osUser }) };
    const now = Date.now();
    for (const { key, value } of checked) {
      const before = await getSetting(tx, key);
      await setSetting(tx, key, value);
      await recordAudit(
        tx,
        origin.actor,
        {
          action: 'setting.change',
          entity: 'setting',
          entityId: key,
          before: { ...by, value: before ?? null },
          after: { ...by, value },
        },
        now,
      );
    }
    return checked;
  });
}
