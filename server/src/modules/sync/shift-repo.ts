import type { PosCashMovementTable, PosShiftTable } from '../../db/schema';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';

/** The SQL of counter shifts: the drawer's float, its cash movements, its count at the close. */

export async function findShift(db: Db | Tx, id: string): Promise<PosShiftTable | undefined> {
  return db.selectFrom('pos_shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShifts(db: Db | Tx, ids: string[]): Promise<PosShiftTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('pos_shifts').selectAll().where('id', 'in', ids).execute();
}

export async function insertShift(tx: Tx, row: PosShiftTable): Promise<void> {
  await tx.insertInto('pos_shifts').values(row).execute();
}

/** Closes a shift that is still open: false when it was closed already. */
export async function closeShiftRow(
  tx: Tx,
  id: string,
  close: Pick<PosShiftTable, 'closed_by' | 'closed_at' | 'counted_usd_cents' | 'counted_khr'>,
): Promise<boolean> {
  const closed = await tx
    .updateTable('pos_shifts')
    .set(close)
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) === 1;
}

export async function insertCashMovement(tx: Tx, row: PosCashMovementTable): Promise<void> {
  await tx.insertInto('pos_cash_movements').values(row).execute();
}

/** Pay-ins and pay-outs of a shift, summed per kind and currency. */
export async function cashMovementTotals(db: Db, shiftId: string) {
  return db
    .selectFrom('pos_cash_movements')
    .select(['kind', 'currency', (eb) => eb.fn.sum<number | string>('amount_minor').as('total')])
    .where('shift_id', '=', shiftId)
    .groupBy(['kind', 'currency'])
    .execute();
}

/** Cash the shift's sales kept in the drawer, per currency (kept = the payment's amount; change went back). */
export async function cashSalesTotals(db: Db, shiftId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select([
      'p.currency',
      (eb) => eb.fn.sum<number | string>('p.amount_minor').as('total'),
      (eb) => eb.fn.count<number | string>('p.id').as('n'),
    ])
    .where('o.shift_id', '=', shiftId)
    .where('p.method', '=', 'cash')
    .where('p.status', '=', 'paid')
    .groupBy('p.currency')
    .execute();
}

/**
 * Cash sales of the shift whose change went out in the other currency (a dollar note, riel back): beyond what the
 * sale kept, the drawer took the whole note in one currency and paid the change from the other.
 */
export async function crossCurrencyChangeTotals(db: Db, shiftId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('orders as o', 'o.id', 'p.order_id')
    .select([
      'p.currency',
      'p.change_currency',
      (eb) => eb.fn.sum<number | string>(eb('p.tendered_minor', '-', eb.ref('p.amount_minor'))).as('extra'),
      (eb) => eb.fn.sum<number | string>('p.change_minor').as('change'),
    ])
    .where('o.shift_id', '=', shiftId)
    .where('p.method', '=', 'cash')
    .where('p.status', '=', 'paid')
    .where('p.change_currency', 'is not', null)
    .whereRef('p.change_currency', '!=', 'p.currency')
    .groupBy(['p.currency', 'p.change_currency'])
    .execute();
}

/** Cash given back from the drawer for returns made in the shift, per currency. */
export async function cashRefundTotals(db: Db, shiftId: string) {
  return db
    .selectFrom('counter_refunds as f')
    .innerJoin('counter_returns as r', 'r.id', 'f.return_id')
    .select(['f.currency', (eb) => eb.fn.sum<number | string>('f.amount_minor').as('total')])
    .where('r.shift_id', '=', shiftId)
    .where('f.method', '=', 'cash')
    .groupBy('f.currency')
    .execute();
}

/** How many sales the shift made and what they came to (USD cents). */
export async function shiftSalesCount(db: Db, shiftId: string) {
  return db
    .selectFrom('orders')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string>('total_cents').as('total'),
    ])
    .where('shift_id', '=', shiftId)
    .executeTakeFirstOrThrow();
}

/** A shift with its counter's name and who opened and closed it. */
export async function findShiftWithNames(db: Db, id: string) {
  return db
    .selectFrom('pos_shifts as s')
    .innerJoin('devices as d', 'd.id', 's.device_id')
    .innerJoin('users as o', 'o.id', 's.opened_by')
    .leftJoin('users as c', 'c.id', 's.closed_by')
    .selectAll('s')
    .select(['d.name as device_name', 'o.name as opener_name', 'c.name as closer_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
