import { usdCentsToKhr, wishlistLimit, type Wishlist, type WishlistItem } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { WishlistItemTable } from '../../db/schema';
import { Conflict, NotFound } from '../../http/errors';
import { availabilityOf } from '../catalog/present';
import { getPricing } from '../settings/pricing';
import {
  countWishlist,
  deleteWishlistItem,
  insertWishlistItems,
  listedProductIds,
  productsOnSale,
  wishlistOf,
} from './repo';

/**
 * Wishlists (issue 15): a signed-in account keeps products for later and sees them with the catalog's price and
 * stock as they are now. Every call is about the caller's own list (the account id comes from the session, never from
 * the request), so another account's list cannot be named, read or changed.
 *
 * The limit keeps one account from growing the table without end. It is checked before inserting, not locked: two
 * adds racing at 199 could leave 201 rows, which is harmless (the list answers the newest 200), unlike stock.
 */
export async function getWishlist(db: Db, userId: string): Promise<Wishlist> {
  const [pricing, rows, total] = await Promise.all([
    getPricing(db),
    wishlistOf(db, userId, wishlistLimit),
    countWishlist(db, userId),
  ]);
  const items = rows.map((row): WishlistItem => {
    const images = JSON.parse(row.images_json) as { url: string }[];
    const priceCents = Number(row.price_cents);
    return {
      productId: row.product_id,
      slug: row.slug,
      name: row.name,
      imageUrl: images[0]?.url ?? null,
      price: { usdCents: priceCents, khr: usdCentsToKhr(priceCents, pricing.rielPerUsd) },
      compareAtCents: row.compare_at_cents === null ? null : Number(row.compare_at_cents),
      // A product taken off sale stays on the list, shown as such: the customer decides when to let it go.
      availability:
        Number(row.active) !== 1
          ? 'unavailable'
          : availabilityOf(Number(row.on_hand) - Number(row.reserved), Number(row.low_stock_threshold)),
      addedAt: Number(row.added_at),
    };
  });
  return { items, total, limit: wishlistLimit, rielPerUsd: pricing.rielPerUsd };
}

/** Keeps a product on sale; a product already kept is left as it is (the same answer, even with a full list). */
export async function addToWishlist(db: Db, userId: string, productId: string): Promise<Wishlist> {
  const [onSale] = await productsOnSale(db, [productId]);
  if (!onSale) throw new NotFound('There is no such product');
  const [listed] = await listedProductIds(db, userId, [productId]);
  if (!listed) {
    if ((await countWishlist(db, userId)) >= wishlistLimit)
      throw new Conflict(
        `Your wishlist is full: it keeps at most ${wishlistLimit} products. Remove some to add more.`,
      );
    await insertOnce(db, { user_id: userId, product_id: productId, added_at: Date.now() });
  }
  return getWishlist(db, userId);
}

export async function removeFromWishlist(db: Db, userId: string, productId: string): Promise<Wishlist> {
  if (!(await deleteWishlistItem(db, userId, productId)))
    throw new NotFound('This product is not on your wishlist');
  return getWishlist(db, userId);
}

/**
 * The hearts a visitor gave before signing in, oldest first: each product on sale and not kept yet is added, in the
 * same order (the last one hearted is the newest). When the list cannot take them all, the newest hearts win and
 * the rest are named in `notMerged`; products no longer sold are skipped silently.
 */
export async function mergeIntoWishlist(db: Db, userId: string, productIds: readonly string[]) {
  const wanted = [...new Set(productIds)];
  const [onSale, listed, count] = await Promise.all([
    productsOnSale(db, wanted),
    listedProductIds(db, userId, wanted),
    countWishlist(db, userId),
  ]);
  const sellable = new Set(onSale);
  const kept = new Set(listed);
  const fresh = wanted.filter((id) => sellable.has(id) && !kept.has(id));
  const room = Math.max(0, wishlistLimit - count);
  const notMerged = fresh.slice(0, Math.max(0, fresh.length - room));
  const toAdd = fresh.slice(notMerged.length);
  const now = Date.now();
  const rows = toAdd.map((productId, index) => ({
    user_id: userId,
    product_id: productId,
    added_at: now - (toAdd.length - 1 - index),
  }));
  try {
    await insertWishlistItems(db, rows); // one statement for the lot
  } catch (error) {
    // Another tab added one of them meanwhile: the statement took none, so each goes in on its own.
    if (!isUniqueViolation(error)) throw error;
    for (const row of rows) await insertOnce(db, row);
  }
  return { ...(await getWishlist(db, userId)), notMerged };
}

/** Two tabs adding the same product at once: the second finds the row there, which is what it wanted. */
async function insertOnce(db: Db, row: WishlistItemTable): Promise<void> {
  try {
    await insertWishlistItems(db, [row]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
