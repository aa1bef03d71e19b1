import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { OrderHoldTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/**
 * The queries of unpaid holds. Every check that decides something is an UPDATE with the rule in its WHERE clause, and
 * its matched-row count is the answer: an UPDATE reads the row as committed now and locks it (on MySQL, where a plain
 * SELECT inside a REPEATABLE READ transaction may see an older snapshot), so parallel orders cannot both pass.
 */

/** `product_id` of the counter of a holder's unpaid orders (the others count units of one product). */
export const ORDERS_COUNTER = '';

export interface CounterKey {
  holder: string;
  productId: string;
}

/**
 * Makes the counter rows exist, outside the placing transaction: inserting inside it would make two first orders of
 * one holder lock each other (MySQL gap locks) and retry as deadlocks. Rows are never deleted, so they stay.
 */
export async function ensureCounters(db: Db, keys: CounterKey[], now: number): Promise<void> {
  if (keys.length === 0) return;
  // Looked up first: most orders come from holders whose rows exist, and a read takes no write lock.
  const existing = await db
    .selectFrom('hold_counters')
    .select(['holder', 'product_id'])
    .where('holder', 'in', [...new Set(keys.map((k) => k.holder))])
    .where('product_id', 'in', [...new Set(keys.map((k) => k.productId))])
    .execute();
  const have = new Set(existing.map((row) => `${row.holder} ${row.product_id}`));
  const missing = keys.filter((k) => !have.has(`${k.holder} ${k.productId}`));
  if (missing.length === 0) return;
  await db
    .insertInto('hold_counters')
    .orIgnore()
    .values(missing.map((k) => ({ holder: k.holder, product_id: k.productId, held: 0, updated_at: now })))
    .execute();
}

/** Adds `n` to a counter if the result stays within `max`; false when it would not (or the row is missing). */
export async function addWithin(
  tx: Tx,
  key: CounterKey,
  n: number,
  max: number,
  now: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('hold_counters')
    .set({ held: sql`held + ${n}`, updated_at: now })
    .where('holder', '=', key.holder)
    .where('product_id', '=', key.productId)
    .where(sql<boolean>`held + ${n} <= ${max}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** One counter's share of an order: `n` more, if the result stays within `max`. */
export interface CounterStep {
  key: CounterKey;
  n: number;
  max: number;
}

/**
 * `addWithin` for every step in one UPDATE (one round trip instead of one per counter, while the rows every
 * placement waits for are locked). The steps must be every holder with every product, once each: the rows are
 * found by `holder in (…) and product_id in (…)`, a range of the primary key, so they are locked in key order.
 * True when every step's row was there and stayed within its `max`; otherwise some rows may have moved and others
 * not: the caller rolls back to a savepoint and takes them one by one (holds.ts).
 */
export async function addAllWithin(tx: Tx, steps: readonly CounterStep[], now: number): Promise<boolean> {
  if (steps.length === 0) return true;
  const holders = [...new Set(steps.map((s) => s.key.holder))];
  const products = [...new Set(steps.map((s) => s.key.productId))];
  if (holders.length * products.length !== steps.length)
    throw new Error('addAllWithin needs each holder with each product, once');
  const byKey = (value: (step: CounterStep) => number) =>
    sql<number>`case ${sql.join(
      steps.map(
        (s) => sql`when holder = ${s.key.holder} and product_id = ${s.key.productId} then ${value(s)}`,
      ),
      sql` `,
    )} end`;
  const n = byKey((s) => s.n);
  const result = await tx
    .updateTable('hold_counters')
    .set({ held: sql`held + ${n}`, updated_at: now })
    .where('holder', 'in', holders)
    .where('product_id', 'in', products)
    .where(sql<boolean>`held + ${n} <= ${byKey((s) => s.max)}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === steps.length;
}

/** Makes one missing counter row inside the transaction (the cart changed after `ensureCounters` ran): rare. */
export async function ensureCounterInside(tx: Tx, key: CounterKey, now: number): Promise<void> {
  await tx
    .insertInto('hold_counters')
    .orIgnore()
    .values({ holder: key.holder, product_id: key.productId, held: 0, updated_at: now })
    .execute();
}

/** Takes `n` off a counter, never below zero. */
export async function subtract(tx: Tx, key: CounterKey, n: number, now: number): Promise<void> {
  await tx
    .updateTable('hold_counters')
    .set({ held: sql`case when held > ${n} then held - ${n} else 0 end`, updated_at: now })
    .where('holder', '=', key.holder)
    .where('product_id', '=', key.productId)
    .execute();
}

/**
 * Deletes counters left at zero since `before`. Found by a plain read and deleted one by one by key: a DELETE that
 * scans the table would lock every row it reads on MySQL and hold up the orders being placed.
 */
export async function sweepEmptyCounters(db: Db, before: number, batch = 500): Promise<void> {
  const empty = await db
    .selectFrom('hold_counters')
    .select(['holder', 'product_id'])
    .where('held', '=', 0)
    .where('updated_at', '<', before)
    .limit(batch)
    .execute();
  for (const row of empty)
    await db
      .deleteFrom('hold_counters')
      .where('holder', '=', row.holder)
      .where('product_id', '=', row.product_id)
      .where('held', '=', 0)
      .where('updated_at', '<', before)
      .execute();
}

export async function insertOrderHold(tx: Tx, row: OrderHoldTable): Promise<void> {
  await tx.insertInto('order_holds').values(row).execute();
}

export async function findOrderHold(db: Db | Tx, orderId: string): Promise<OrderHoldTable | undefined> {
  return db.selectFrom('order_holds').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

/** Stops an order's hold counting against its holders; true for the one caller that stopped it. */
export async function stopCounting(tx: Tx, orderId: string): Promise<boolean> {
  const result = await tx
    .updateTable('order_holds')
    .set({ counted: 0 })
    .where('order_id', '=', orderId)
    .where('counted', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** True while the order's units still count against its holders (locks the row until the transaction ends). */
export async function stillCounted(tx: Tx, orderId: string): Promise<boolean> {
  const result = await tx
    .updateTable('order_holds')
    .set({ counted: 1 })
    .where('order_id', '=', orderId)
    .where('counted', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** True when a review that lasted too long let the order's reservation go (locks the row until the end). */
export async function reservationWasReleased(tx: Tx, orderId: string): Promise<boolean> {
  const result = await tx
    .updateTable('order_holds')
    .set((eb) => ({ stock_released_at: eb.ref('stock_released_at') }))
    .where('order_id', '=', orderId)
    .where('stock_released_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The order holds stock again (staff put it back to waiting for payment after a released review). */
export async function reservationTakenBack(tx: Tx, orderId: string): Promise<void> {
  await tx
    .updateTable('order_holds')
    .set({ stock_released_at: null })
    .where('order_id', '=', orderId)
    .execute();
}

/**
 * Staff sent an order back from review to waiting for payment: the customer gets at least one more QR, and the hold
 * at least until `until`.
 */
export async function reopenHold(tx: Tx, orderId: string, until: number): Promise<void> {
  await tx
    .updateTable('order_holds')
    .set({
      ends_at: sql`case when ends_at > ${until} then ends_at else ${until} end`,
      renewals_left: sql`case when renewals_left > 0 then renewals_left else 1 end`,
    })
    .where('order_id', '=', orderId)
    .execute();
}

/** Uses one renewal if any is left and the hold's lifetime is not over; false otherwise. */
export async function useRenewal(tx: Tx, orderId: string, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('order_holds')
    .set({ renewals_left: sql`renewals_left - 1` })
    .where('order_id', '=', orderId)
    .where('renewals_left', '>', 0)
    .where('ends_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The review clock starts (again) when an order goes into payment review, and stops when it leaves it. */
export async function setReviewSince(tx: Tx, orderId: string, since: number | null): Promise<void> {
  await tx
    .updateTable('order_holds')
    .set({ review_since: since, review_noticed_at: null, review_escalated_at: null })
    .where('order_id', '=', orderId)
    .execute();
}

/** The steps of a payment review that the payment job takes in turn, each claimed once by setting its column. */
export type ReviewStep = 'review_noticed_at' | 'review_escalated_at' | 'stock_released_at';

/** Orders in review since `before` or longer whose `step` is still to do, oldest first. */
export async function dueReviews(db: Db, before: number, step: ReviewStep, batch: number) {
  return db
    .selectFrom('order_holds as h')
    .innerJoin('orders as o', 'o.id', 'h.order_id')
    .select(['h.order_id', 'h.review_since', 'o.number'])
    .where('o.status', '=', 'payment_review')
    .where('h.review_since', '<=', before)
    .where(`h.${step}`, 'is', null)
    .orderBy('h.review_since')
    .limit(batch)
    .execute();
}

/** Claims a review step for one order (still due, still in review since `before`); true for the one caller that did. */
export async function claimReviewStep(
  tx: Tx,
  orderId: string,
  step: ReviewStep,
  before: number,
  now: number,
): Promise<boolean> {
  const claimed = await tx
    .updateTable('order_holds')
    .set({ [step]: now })
    .where('order_id', '=', orderId)
    .where(step, 'is', null)
    .where('review_since', '<=', before)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Orders waiting for payment whose hold ended and that have no QR left to watch. */
export async function endedHoldsWithoutQr(db: Db, now: number, batch: number): Promise<string[]> {
  const rows = await db
    .selectFrom('order_holds as h')
    .innerJoin('orders as o', 'o.id', 'h.order_id')
    .select('o.id')
    .where('o.status', '=', 'pending_payment')
    .where('h.ends_at', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payments as p')
            .select('p.id')
            .whereRef('p.order_id', '=', 'o.id')
            .where('p.method', '=', 'khqr')
            .where('p.status', 'in', ['pending', 'superseded']),
        ),
      ),
    )
    .limit(batch)
    .execute();
  return rows.map((r) => r.id);
}
