import { DEFAULT_RETENTION, retentionSchema, settingKeys, type Retention } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { fieldsOrDefaults, getSetting } from '../settings/service';

/**
 * How long the shop keeps sent mails, audit rows and the change feed's history: the setting `data.retention`, whose
 * rules are the shared `retentionSchema`, set with `npm run shop -- set-retention` or on the back office's settings.
 */
export type { Retention };

export const RETENTION_KEY = settingKeys.retention;

/** Each stored field that keeps the shared rules, else its default (a row written by hand still prunes sanely). */
export async function getRetention(db: Db | Tx): Promise<Retention> {
  return fieldsOrDefaults(retentionSchema.shape, await getSetting(db, RETENTION_KEY), DEFAULT_RETENTION);
}
