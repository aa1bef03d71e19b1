import { changeEntitiesOf, type ChangesPage } from '@shop/shared';
import type { Db } from '../../db/database';
import { findPullStartedAt, markDeviceSynced } from '../devices/repo';
import type { CallingCounter } from '../devices/service';
import { readChanges } from './change-log';
import { mustPullAfresh } from './compaction';
import { contractOf } from './contract';
import { lastChangePerEntity, withCurrentData } from './feed-data';

/**
 * A counter's pull: the feed after its cursor, each change with its entity as it is now (feed-data.ts), so a first
 * pull from 0 holds everything the counter needs and no other request. The changes are read first and the data
 * after: the data is never older than the change that points to it.
 *
 * Then the compaction horizon (compaction.ts): a counter whose cursor is below it, and whose pull from 0 began
 * before it was raised, may have missed a delete that compaction removed, and is told to pull afresh
 * (`pullAfresh: true`). The page is still the page it asked for, so a counter that does not know the flag goes on as
 * before, missing only those deletes. A pull from 0 is noted on the device row for this.
 */
export async function pullChanges(
  db: Db,
  counter: CallingCounter,
  query: { after: number; limit: number; contract?: number },
  now = Date.now(),
): Promise<ChangesPage> {
  // A change's data only ever gains fields (docs/decisions/0016-upgrades.md); entities newer than the counter's
  // version (promotions and coupons: contract 2) are left out of its pages, the cursor moving past them all the same.
  // A newer counter than the server is told so.
  const known = new Set(changeEntitiesOf(contractOf(query.contract)));
  const page = await readChanges(db, query.after, query.limit);
  const changes = await withCurrentData(
    db,
    lastChangePerEntity(page.changes.filter((change) => known.has(change.entity))),
  );
  const behind = await mustPullAfresh(db, query.after, () => findPullStartedAt(db, counter.id));
  await markDeviceSynced(db, counter.id, now, query.after === 0 ? { pullStartedAt: now } : {});
  return { ...page, changes, ...(behind && { pullAfresh: true }) };
}
