import type { ChangesPage } from '@shop/shared';
import type { Db } from '../../db/database';
import { markDeviceSynced } from '../devices/repo';
import type { CallingCounter } from '../devices/service';
import { readChanges } from './change-log';
import { feedHorizon } from './compaction';
import { lastChangePerEntity, withCurrentData } from './feed-data';

/**
 * A counter's pull: the feed after its cursor, each change with its entity as it is now (feed-data.ts), so a first
 * pull from 0 holds everything the counter needs and no other request. The changes are read first and the data
 * after: the data is never older than the change that points to it.
 *
 * Then the compaction horizon (compaction.ts): a counter whose cursor is below it may have missed a delete that
 * compaction removed, and is told to pull afresh (`pullAfresh: true`). The page is still the page it asked for, so a
 * counter that does not know the flag goes on as before, missing only those deletes.
 */
export async function pullChanges(
  db: Db,
  counter: CallingCounter,
  query: { after: number; limit: number },
  now = Date.now(),
): Promise<ChangesPage> {
  const page = await readChanges(db, query.after, query.limit);
  const changes = await withCurrentData(db, lastChangePerEntity(page.changes));
  const behind = query.after > 0 && query.after < (await feedHorizon(db));
  await markDeviceSynced(db, counter.id, now);
  return { ...page, changes, ...(behind && { pullAfresh: true }) };
}
