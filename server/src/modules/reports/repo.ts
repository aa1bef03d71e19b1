import type { Db } from '../../db/database';
import { pageOf } from '../../db/paging';

/** The SQL of the reports beside the rollups: names of what they group by, money as it moved, shifts. */

export async function productNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('products').select(['id', 'name', 'sku']).where('id', 'in', ids).execute();
}

export async function categoryNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function brandNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('brands').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function userNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Payments that became paid between two instants, per method and currency, as received. */
export async function receivedBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('payments')
    .select([
      'method',
      'currency',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string>('amount_minor').as('total'),
    ])
    .where('paid_at', '>=', start)
    .where('paid_at', '<', end)
    .where('status', '=', 'paid')
    .groupBy(['method', 'currency'])
    .execute();
}

/** Money given back at counters for returns between two instants, per method and currency. */
export async function counterRefundsBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('counter_refunds')
    .select(['method', 'currency', (eb) => eb.fn.sum<number | string>('amount_minor').as('total')])
    .where('at', '>=', start)
    .where('at', '<', end)
    .groupBy(['method', 'currency'])
    .execute();
}

/** Money owed back for orders that no longer waited for it, sent back between two instants (by KHQR's bank). */
export async function owedRefundsSentBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('refunds_owed')
    .select(['currency', (eb) => eb.fn.sum<number | string>('amount_minor').as('total')])
    .where('refunded_at', '>=', start)
    .where('refunded_at', '<', end)
    .where('status', '=', 'refunded')
    .groupBy('currency')
    .execute();
}

export async function shiftsOpenedBetween(db: Db, start: number, end: number): Promise<string[]> {
  const rows = await db
    .selectFrom('pos_shifts')
    .select('id')
    .where('opened_at', '>=', start)
    .where('opened_at', '<', end)
    .orderBy('opened_at')
    .limit(1000)
    .execute();
  return rows.map((r) => r.id);
}

export async function shiftOpener(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('pos_shifts').select('opened_by').where('id', '=', id).executeTakeFirst();
  return row?.opened_by;
}

/** The shifts a staff member opened, newest first (the index on opener and time), and how many there are. */
export async function shiftsOpenedBy(db: Db, staffId: string, page: { page: number; pageSize: number }) {
  const mine = db.selectFrom('pos_shifts').where('opened_by', '=', staffId);
  return pageOf(mine.select('id').orderBy('opened_at', 'desc').orderBy('id', 'desc'), mine, page);
}
