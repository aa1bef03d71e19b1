import type { ClaimStatus } from '@shop/shared';
import type { Db } from '../../db/database';
import { addToCounter } from '../../db/dialect';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';
import type { WarrantyClaimEventTable, WarrantyClaimPhotoTable, WarrantyClaimTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of warranty claims, of the serial numbers they are about, and of the sales behind those. */

/**
 * Every unit by a serial number (serials are unique per product, not across products), with its product and the
 * order it was sold with (a sold serial's reference is its order's number). Callers compare serials exactly:
 * MySQL's collation would match "abc1" to "ABC1".
 */
export async function unitsBySerial(db: Db | Tx, serial: string) {
  const rows = await db
    .selectFrom('serial_numbers as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .leftJoin('orders as o', 'o.number', 's.reference')
    .select([
      's.id',
      's.serial',
      's.status',
      's.product_id',
      's.reference',
      's.sold_at',
      's.warranty_until',
      'p.name as product_name',
      'p.slug as product_slug',
      'o.id as order_id',
      'o.number as order_number',
      'o.user_id as order_user_id',
      'o.customer_name as order_customer_name',
      'o.customer_email as order_customer_email',
      'o.customer_phone as order_customer_phone',
      'o.locale as order_locale',
    ])
    .where('s.serial', '=', serial)
    .orderBy('s.sold_at', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.filter((r) => r.serial === serial);
}

export type UnitRow = Awaited<ReturnType<typeof unitsBySerial>>[number];

/** Claims joined with what they show: the product's name and the sale's order number. */
function claimRows(db: Db | Tx) {
  return db
    .selectFrom('warranty_claims as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .leftJoin('orders as o', 'o.id', 'c.order_id')
    .leftJoin('orders as r', 'r.id', 'c.repair_order_id')
    .leftJoin('users as u', 'u.id', 'c.opened_by')
    .selectAll('c')
    .select([
      'p.name as product_name',
      'p.sku as product_sku',
      'o.number as order_number',
      'r.number as repair_order_number',
      'r.paid_at as repair_paid_at',
      'u.name as opened_by_name',
    ]);
}

export type ClaimRow = Awaited<ReturnType<ReturnType<typeof claimRows>['executeTakeFirstOrThrow']>>;

export async function findClaim(db: Db | Tx, id: string): Promise<ClaimRow | undefined> {
  return claimRows(db).where('c.id', '=', id).executeTakeFirst();
}

/** The claims about any of these units (as the faulty unit or as its replacement), oldest first. */
export async function claimsOfUnits(db: Db | Tx, serialIds: string[]): Promise<ClaimRow[]> {
  if (!serialIds.length) return [];
  return claimRows(db)
    .where((eb) =>
      eb.or([eb('c.serial_id', 'in', serialIds), eb('c.replacement_serial_id', 'in', serialIds)]),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/** A claim of this unit not yet returned to its customer. */
export async function openClaimOf(db: Db | Tx, serialId: string) {
  return db
    .selectFrom('warranty_claims')
    .select(['id', 'number'])
    .where('serial_id', '=', serialId)
    .where('status', '!=', 'returned')
    .executeTakeFirst();
}

/** The staff queue: one state, or every claim not yet returned; longest in its state first. */
export async function pageOfQueue(
  db: Db,
  status: ClaimStatus | undefined,
  page: PageRequest,
): Promise<PageOf<ClaimRow>> {
  const base = claimRows(db);
  const kept = status ? base.where('c.status', '=', status) : base.where('c.status', '!=', 'returned');
  const rows = kept.orderBy('c.status_since').orderBy('c.id');
  const count = db.selectFrom('warranty_claims as c');
  const matching = status ? count.where('c.status', '=', status) : count.where('c.status', '!=', 'returned');
  return pageOf(rows, matching, page);
}

/** A customer's claims, newest first. */
export async function pageOfCustomerClaims(
  db: Db,
  userId: string,
  page: PageRequest,
): Promise<PageOf<ClaimRow>> {
  const rows = claimRows(db)
    .where('c.user_id', '=', userId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc');
  const matching = db.selectFrom('warranty_claims as c').where('c.user_id', '=', userId);
  return pageOf(rows, matching, page);
}

/** A claim's moves, oldest first, with the name of who made each. */
export async function claimEvents(db: Db | Tx, claimId: string) {
  return db
    .selectFrom('warranty_claim_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .selectAll('e')
    .select('a.name as actor_name')
    .where('e.claim_id', '=', claimId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

export type ClaimEventRow = Awaited<ReturnType<typeof claimEvents>>[number];

/** The next claim number (RMA-000001, …): the counter row's lock keeps numbers unique and in commit order. */
export async function nextClaimNumber(tx: Tx): Promise<string> {
  const value = await addToCounter(tx, 'warranty_claims', 1);
  if (value === null) throw new Error('the warranty_claims counter row is missing');
  return `RMA-${String(value).padStart(6, '0')}`;
}

export async function insertClaim(tx: Tx, row: WarrantyClaimTable): Promise<void> {
  await tx.insertInto('warranty_claims').values(row).execute();
}

export async function insertClaimEvent(tx: Tx, row: WarrantyClaimEventTable): Promise<void> {
  await tx.insertInto('warranty_claim_events').values(row).execute();
}

/**
 * Changes a claim only if it is still in the state the caller read: two staff moving one claim at once cannot both
 * win. Answers whether it changed.
 */
export async function updateClaimFrom(
  tx: Tx,
  id: string,
  from: ClaimStatus,
  changes: Partial<Omit<WarrantyClaimTable, 'id' | 'number'>>,
): Promise<boolean> {
  const updated = await tx
    .updateTable('warranty_claims')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Moves one unit from a status to another (conditionally), setting its sale fields; answers whether it moved. */
export async function moveUnit(
  tx: Tx,
  serialId: string,
  from: 'in_stock' | 'sold',
  changes: {
    status: 'sold' | 'rma';
    reference?: string | null;
    sold_at?: number | null;
    warranty_until?: number | null;
    updated_at: number;
  },
): Promise<boolean> {
  const updated = await tx
    .updateTable('serial_numbers')
    .set(changes)
    .where('id', '=', serialId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A unit of a product in stock by its serial (compared exactly). */
export async function unitInStock(tx: Tx, productId: string, serial: string) {
  const rows = await tx
    .selectFrom('serial_numbers')
    .select(['id', 'serial'])
    .where('product_id', '=', productId)
    .where('serial', '=', serial)
    .where('status', '=', 'in_stock')
    .execute();
  return rows.find((r) => r.serial === serial);
}

/** The account a claim's mails go to when staff typed no address. */
export async function findUserContact(db: Db | Tx, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'locale', 'role'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** A claim's photos, oldest first. */
export async function claimPhotos(db: Db | Tx, claimId: string) {
  return db
    .selectFrom('warranty_claim_photos')
    .select(['id', 'storage_key', 'created_at'])
    .where('claim_id', '=', claimId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type ClaimPhotoRow = Awaited<ReturnType<typeof claimPhotos>>[number];

export async function insertClaimPhoto(tx: Tx, row: WarrantyClaimPhotoTable): Promise<void> {
  await tx.insertInto('warranty_claim_photos').values(row).execute();
}

/**
 * Links the order of a repair's payment to its claim, replacing the one the caller read (none, or an expired KHQR's):
 * two staff taking the same payment cannot both win.
 */
export async function setRepairOrder(
  tx: Tx,
  id: string,
  current: string | null,
  orderId: string,
  now: number,
): Promise<boolean> {
  const updated = await tx
    .updateTable('warranty_claims')
    .set({ repair_order_id: orderId, updated_at: now })
    .where('id', '=', id)
    .where('repair_order_id', current === null ? 'is' : '=', current)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Whether an order is the payment of a repair (its line is a service: no stock held, sold or given back). */
export async function isRepairOrder(db: Db | Tx, orderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('warranty_claims')
    .select('id')
    .where('repair_order_id', '=', orderId)
    .executeTakeFirst();
  return row !== undefined;
}
