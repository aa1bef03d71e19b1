import type { Db } from '../../db/database';
import type { Logger } from '../../logger';
import { inTransaction, type Tx } from '../../db/transaction';
import type { ChangeRecord } from './change-log';
import { bumpCounter, counterReader, findCounter } from './repo';
import { forgetShelfState, rankBestSellers, syncShelfStates } from './shelf-repo';

/**
 * The version public catalog answers are cached under (docs/decisions/0010-answers-that-survive-sales.md). It moves
 * when something an answer shows changes: a catalog edit (products, pictures, categories, brands, prices, settings
 * such as the search synonyms), a product's shown availability (out of stock, low, in stock) and the best-seller
 * ranks. A sale that leaves a product in the state it was in does not move it, so cached answers survive the
 * day's sales. It lives in the database and moves in the writer's transaction: every process sees it.
 */

const CATALOG_ANSWERS = 'catalog_answers';

/**
 * Feed entities whose change is a catalog edit (a promotion changes the prices pages show). Accounts (customer,
 * staff) and coupons are not in any public answer.
 */
const CATALOG_ENTITIES: ReadonlySet<string> = new Set([
  'category',
  'brand',
  'product',
  'setting',
  'promotion',
]);

/**
 * Moves the version if `changes` (about to go to the change feed, in the writer's transaction) change a public
 * answer. Called by recordChanges before the feed's own counter: stock rows, then this counter, then the feed's,
 * the same lock order for every writer.
 */
export async function noteShelfChanges(tx: Tx, changes: readonly ChangeRecord[]): Promise<void> {
  const edited = changes.some((change) => CATALOG_ENTITIES.has(change.entity));
  const stock = changes.filter((change) => change.entity === 'stock').map((change) => change.entityId);
  // Kept up to date even when the version moves anyway, so the next movement compares with what is shown.
  const shownChanged = stock.length > 0 && (await syncShelfStates(tx, [...new Set(stock)])) > 0;
  if (edited || shownChanged) await bumpVersion(tx);
}

async function bumpVersion(tx: Tx): Promise<void> {
  if ((await bumpCounter(tx, CATALOG_ANSWERS, 1)) === null)
    throw new Error('the catalog answers counter is missing: run the migrations');
}

/**
 * Before a product's low-stock threshold changes (first in the edit's transaction: stock row, then product row,
 * the lock order of stock writers): what it was shown as is no longer known, so its next movement moves the version.
 */
export function forgetShownAvailability(tx: Tx, productId: string): Promise<void> {
  return forgetShelfState(tx, productId);
}

/** The current version: one point select. */
export async function catalogAnswersVersion(db: Db): Promise<number> {
  return (await findCounter(db, CATALOG_ANSWERS)) ?? 0;
}

/** A reader of the current version for every request (its statement compiled once). */
export function catalogAnswersVersionReader(db: Db): () => Promise<number> {
  const read = counterReader(db, CATALOG_ANSWERS);
  return async () => (await read()) ?? 0;
}

/**
 * Ranks products for "Popular" by their units sold now (the best-sellers job, and tests): popularity is a ranking
 * refreshed every few minutes, not by each sale. Answers whether any rank moved (and with it the version).
 */
export function refreshBestSellers(db: Db): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const moved = (await rankBestSellers(tx)) > 0;
    if (moved) await bumpVersion(tx);
    return moved;
  });
}

/** How often "Popular" catches up with the sales: often enough to follow a day, rarely enough to keep the cache. */
export const BEST_SELLERS_EVERY_MS = 10 * 60 * 1000;

/** Runs refreshBestSellers every `everyMs` until stopped (each process may: the refresh is idempotent). */
export function startBestSellerRanking(deps: { db: Db; logger: Logger; everyMs?: number }): {
  stop(): Promise<void>;
} {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = () => {
    timer = setTimeout(() => {
      running = refreshBestSellers(deps.db)
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'best-seller ranking failed; will retry'))
        .finally(() => !stopped && schedule());
    }, deps.everyMs ?? BEST_SELLERS_EVERY_MS);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
