import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { reindexProducts } from './product-writer';
import { findIndexVersion, productRowsAfter, saveIndexVersion } from './repo';
import { SEARCH_INDEX_VERSION } from './search-index';
import { describeForIndex } from './service';

const BATCH = 500;

/**
 * Rebuilds the search index when it was written by an older version of productTerms (new weights or terms), once,
 * at start: products are re-indexed in batches of their own transactions, and the version is stored last, so a
 * start interrupted half-way simply rebuilds again. Searches meanwhile answer from old and new rows alike, as they
 * did before the change. Answers whether it rebuilt.
 */
export async function rebuildSearchIndexIfStale(db: Db): Promise<boolean> {
  if ((await findIndexVersion(db)) === SEARCH_INDEX_VERSION) return false;
  for (let after = ''; ;) {
    const rows = await productRowsAfter(db, after, BATCH);
    if (rows.length === 0) break;
    await inTransaction(db, async (tx) => reindexProducts(tx, await describeForIndex(tx, rows)));
    after = rows.at(-1)!.id;
  }
  await inTransaction(db, (tx) => saveIndexVersion(tx, SEARCH_INDEX_VERSION));
  return true;
}
