import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { orUpdate } from '../../db/dialect';
import type { CouponTable, CouponUseTable, OrderDiscountTable, PromotionTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of promotions and coupons (service.ts, checkout.ts). Coupon uses only ever move by conditional updates. */

type Reader = Db | Tx;

export async function allPromotions(db: Reader): Promise<PromotionTable[]> {
  return db
    .selectFrom('promotions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Every promotion not paused and not ended before `today`: what pricing may need now (priceCart checks the start). */
export async function promotionsInForce(db: Reader, today: string): Promise<PromotionTable[]> {
  return db
    .selectFrom('promotions')
    .selectAll()
    .where('paused', '=', 0)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .orderBy('id')
    .execute();
}

/** Promotions by id, whatever their state (a counter sale names the ones it applied, maybe ended since). */
export async function promotionsByIds(db: Reader, ids: readonly string[]): Promise<PromotionTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('promotions')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function findPromotion(db: Reader, id: string): Promise<PromotionTable | undefined> {
  return db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPromotion(tx: Tx, row: PromotionTable): Promise<void> {
  await tx.insertInto('promotions').values(row).execute();
}

export async function updatePromotionRow(
  tx: Tx,
  id: string,
  changes: Partial<Omit<PromotionTable, 'id' | 'created_at'>>,
): Promise<boolean> {
  const result = await tx.updateTable('promotions').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a promotion no order names; false when an order does (or it is gone). */
export async function deleteUnusedPromotion(tx: Tx, id: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('promotions')
    .where('id', '=', id)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('order_discounts').select('id').where('ref_id', '=', id))),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function allCoupons(db: Reader): Promise<CouponTable[]> {
  return db.selectFrom('coupons').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function couponsByIds(db: Reader, ids: readonly string[]): Promise<CouponTable[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('coupons')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function findCoupon(db: Reader, id: string): Promise<CouponTable | undefined> {
  return db.selectFrom('coupons').selectAll().where('id', '=', id).executeTakeFirst();
}

/** By its upper-case code (normalizeCouponCode). */
export async function findCouponByCode(db: Reader, code: string): Promise<CouponTable | undefined> {
  return db.selectFrom('coupons').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCoupon(tx: Tx, row: CouponTable): Promise<void> {
  await tx.insertInto('coupons').values(row).execute();
}

export async function updateCouponRow(
  tx: Tx,
  id: string,
  changes: Partial<Omit<CouponTable, 'id' | 'created_at' | 'uses'>>,
): Promise<boolean> {
  const result = await tx.updateTable('coupons').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a coupon no order used; false when one did (or it is gone). */
export async function deleteUnusedCoupon(tx: Tx, id: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('coupons')
    .where('id', '=', id)
    .where('uses', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('coupon_uses').select('order_id').where('coupon_id', '=', id))),
    )
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) return false;
  await tx.deleteFrom('coupon_customer_uses').where('coupon_id', '=', id).execute();
  return true;
}

/**
 * Takes one use of a coupon if its limit allows: one conditional UPDATE, whose affected-row count decides (never a
 * read then a write: 50 buyers racing for 10 uses get exactly 10). `force` takes it past the limit (a counter's sale
 * is a fact).
 */
export async function takeCouponUse(tx: Tx, couponId: string, force = false): Promise<boolean> {
  let update = tx
    .updateTable('coupons')
    .set({ uses: sql`uses + 1` })
    .where('id', '=', couponId);
  if (!force)
    update = update.where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]));
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** One customer's use, the same way: the row is made first (a portable upsert that changes nothing), then raised. */
export async function takeCustomerUse(
  tx: Tx,
  couponId: string,
  userId: string,
  max: number | null,
): Promise<boolean> {
  const id = `${couponId}:${userId}`;
  await orUpdate(
    tx,
    tx.insertInto('coupon_customer_uses').values({ id, coupon_id: couponId, user_id: userId, uses: 0 }),
    'id',
    { uses: sql`uses` },
  ).execute();
  let update = tx
    .updateTable('coupon_customer_uses')
    .set({ uses: sql`uses + 1` })
    .where('id', '=', id);
  if (max !== null) update = update.where('uses', '<', max);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function customerUsesOf(db: Reader, couponId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('coupon_customer_uses')
    .select('uses')
    .where('id', '=', `${couponId}:${userId}`)
    .executeTakeFirst();
  return row ? Number(row.uses) : 0;
}

export async function insertCouponUse(tx: Tx, row: CouponUseTable): Promise<void> {
  await tx.insertInto('coupon_uses').values(row).execute();
}

/**
 * Gives an order's coupon use back (the order ended unpaid): its row goes and both counters go down by one. The
 * delete decides, so an order ending twice gives back once.
 */
export async function returnCouponUseOf(tx: Tx, orderId: string): Promise<CouponUseTable | undefined> {
  const use = await tx
    .selectFrom('coupon_uses')
    .selectAll()
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (!use) return undefined;
  const deleted = await tx
    .deleteFrom('coupon_uses')
    .where('coupon_id', '=', use.coupon_id)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return undefined;
  await tx
    .updateTable('coupons')
    .set({ uses: sql`uses - 1` })
    .where('id', '=', use.coupon_id)
    .where('uses', '>', 0)
    .execute();
  if (use.user_id)
    await tx
      .updateTable('coupon_customer_uses')
      .set({ uses: sql`uses - 1` })
      .where('id', '=', `${use.coupon_id}:${use.user_id}`)
      .where('uses', '>', 0)
      .execute();
  return use;
}

export async function insertOrderDiscounts(tx: Tx, rows: OrderDiscountTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('order_discounts').values(rows).execute();
}

export async function discountsOfOrder(db: Reader, orderId: string): Promise<OrderDiscountTable[]> {
  return db
    .selectFrom('order_discounts')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
}

const NOT_COUNTED = ['cancelled', 'expired'];

/** Per promotion or coupon id: the orders (not cancelled or expired) that carry it, what it gave, their totals. */
export async function usageByRef(db: Reader, refIds: readonly string[]) {
  if (refIds.length === 0) return [];
  return db
    .selectFrom('order_discounts as d')
    .innerJoin('orders as o', 'o.id', 'd.order_id')
    .select((eb) => [
      'd.ref_id',
      eb.fn.count<number>('d.order_id').distinct().as('uses'),
      eb.fn.sum<number>('d.amount_cents').as('discount'),
      eb.fn.sum<number>('o.total_cents').as('revenue'),
    ])
    .where('d.ref_id', 'in', [...refIds])
    .where('o.status', 'not in', NOT_COUNTED)
    .groupBy('d.ref_id')
    .execute();
}

/** Categories with their parents: a category rule covers the categories under it. */
export async function categoryParents(db: Reader) {
  return db.selectFrom('categories').select(['id', 'parent_id']).execute();
}

/** What pricing needs of products: the catalog price, category and brand. */
export async function productsForPricing(db: Reader, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('products')
    .select(['id', 'price_cents', 'category_id', 'brand_id'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Which of these ids name a product, category or brand (a promotion must point at something). */
export async function existingIds(
  db: Reader,
  table: 'products' | 'categories' | 'brands',
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/** Counter sales charged less than the server expected, newest first. */
export async function flaggedSales(db: Reader, limit: number) {
  return db
    .selectFrom('orders')
    .select([
      'id',
      'number',
      'receipt_number',
      'device_id',
      'staff_id',
      'created_at',
      'price_flag_cents',
      'total_cents',
    ])
    .where('price_flag_cents', 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findProductIdBySku(db: Reader, sku: string): Promise<string | undefined> {
  const row = await db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirst();
  return row?.id;
}
