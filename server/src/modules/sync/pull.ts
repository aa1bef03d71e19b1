import type { ChangesPage } from '@shop/shared';
import type { Db } from '../../db/database';
import { markDeviceSynced } from '../devices/repo';
import type { CallingCounter } from '../devices/service';
import { readChanges } from './change-log';
import { contractOf } from './contract';
import { lastChangePerEntity, withCurrentData } from './feed-data';

/**
 * A counter's pull: the feed after its cursor, each change with its entity as it is now (feed-data.ts), so a first
 * pull from 0 holds everything the counter needs and no other request. The changes are read first and the data
 * after: the data is never older than the change that points to it.
 */
export async function pullChanges(
  db: Db,
  counter: CallingCounter,
  query: { after: number; limit: number; contract?: number },
  now = Date.now(),
): Promise<ChangesPage> {
  // Every version this server knows is answered in version 1's shapes, the only ones so far: a change's data only
  // ever gains fields (docs/decisions/0016-upgrades.md). A newer counter than the server is told so.
  contractOf(query.contract);
  const page = await readChanges(db, query.after, query.limit);
  const changes = await withCurrentData(db, lastChangePerEntity(page.changes));
  await markDeviceSynced(db, counter.id, now);
  return { ...page, changes };
}
