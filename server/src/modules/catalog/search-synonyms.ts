import { defaultSearchSynonyms, searchSynonymsSchema, type SearchSynonyms } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { recordAudit, type Actor } from '../audit/audit';
import { lockSettings } from '../settings/repo';
import { getSetting, setSetting } from '../settings/service';
import { recordChanges } from '../sync/change-log';
import type { CatalogMemo } from './product-search';
import { synonymIndex } from './query-normaliser';

/**
 * The shop's search synonyms (shared/src/search.ts), stored as the setting `search.synonyms`; the defaults until an
 * admin replaces them. They are read on the query side only, so a change needs no re-index.
 */
const SYNONYMS_KEY = 'search.synonyms';

/** The list as searches use it: the stored one when it passes the shared rules, else the defaults. */
export async function readSearchSynonyms(db: Db): Promise<SearchSynonyms> {
  const stored = searchSynonymsSchema.safeParse(await getSetting(db, SYNONYMS_KEY));
  return stored.success ? stored.data : defaultSearchSynonyms;
}

/** The list, ready for reading queries, once per catalog version (a change moves the version: see below). */
export function loadSynonymIndex(db: Db, memo: CatalogMemo) {
  return memo.get('synonyms', async () => synonymIndex(await readSearchSynonyms(db)));
}

/**
 * Replaces the whole list, audited. The change is also written to the change feed (as the setting it is): the
 * feed's head is what the catalog's cached answers are valid for, so no answer made with the old list is served
 * after the commit. Counters keep no copy: the feed answers them a delete of a setting they never held.
 */
export async function replaceSearchSynonyms(
  db: Db,
  next: SearchSynonyms,
  actor: Actor,
): Promise<SearchSynonyms> {
  return inTransaction(db, async (tx) => {
    await lockSettings(tx, [SYNONYMS_KEY]);
    const before = searchSynonymsSchema.safeParse(await getSetting(tx, SYNONYMS_KEY));
    const now = Date.now();
    await setSetting(tx, SYNONYMS_KEY, next);
    await recordAudit(
      tx,
      actor,
      {
        action: 'search.synonyms',
        entity: 'setting',
        entityId: SYNONYMS_KEY,
        before: before.success ? before.data : defaultSearchSynonyms,
        after: next,
      },
      now,
    );
    await recordChanges(tx, [{ entity: 'setting', entityId: SYNONYMS_KEY, operation: 'upsert' }], now);
    return next;
  });
}
