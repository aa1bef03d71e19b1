import type { StockMovement, StockMovementType } from '@shop/shared';
import { newId } from '../../db/ids';
import type { StockMovementTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import { noticeLowStock } from '../notifications/producers';
import { recordChanges } from '../sync/change-log';
import {
  currentCounters,
  currentCountersOf,
  findCounters,
  insertMovement,
  insertMovements,
  moveCounters,
} from './ledger-repo';

/**
 * The only code that changes stock counters. Each movement is one conditional UPDATE whose WHERE clause keeps
 * `0 <= reserved <= on_hand` true after the change, so two requests racing for the last unit cannot both win:
 * the database decides, on SQLite and MySQL alike, without a read-then-write window. The movement is written to
 * the ledger and the change feed in the same transaction.
 */
export interface Movement {
  productId: string;
  type: StockMovementType;
  onHandDelta: number;
  reservedDelta: number;
  reason?: string | null;
  /** What caused it: an order number, a POS sale id, a supplier's invoice or delivery note number. */
  reference?: string | null;
  /** Receipts: who delivered, and what one unit cost (USD cents). */
  supplier?: string | null;
  unitCostCents?: number | null;
  actorId?: string | null;
}

/** What each kind of movement does to the counters, for a positive quantity. */
export const movementEffects = {
  reserve: (n: number) => ({ onHandDelta: 0, reservedDelta: n }),
  release: (n: number) => ({ onHandDelta: 0, reservedDelta: -n }),
  /** A sale of units that were reserved for the order being paid. */
  sellReserved: (n: number) => ({ onHandDelta: -n, reservedDelta: -n }),
  /** A counter sale straight from the shelf. */
  sell: (n: number) => ({ onHandDelta: -n, reservedDelta: 0 }),
  receive: (n: number) => ({ onHandDelta: n, reservedDelta: 0 }),
  return: (n: number) => ({ onHandDelta: n, reservedDelta: 0 }),
  adjust: (signed: number) => ({ onHandDelta: signed, reservedDelta: 0 }),
};

export async function applyMovement(tx: Tx, movement: Movement, now = Date.now()): Promise<StockMovement> {
  const written = await moveAndRecord(tx, movement, now);
  await recordChanges(tx, [{ entity: 'stock', entityId: movement.productId, operation: 'upsert' }], now);
  return written;
}

/** One product's counters moved (conditionally: never below what is there) and its ledger row written. */
async function moveAndRecord(tx: Tx, movement: Movement, now: number): Promise<StockMovement> {
  const row = movementRow(movement, await moveLevel(tx, movement, now), now);
  await insertMovement(tx, row);
  await noticeLowStock(tx, [row]);
  return toStockMovement(row);
}

/** Moves one product's counters, or refuses with what is available; answers them as they are after the move. */
async function moveLevel(tx: Tx, movement: Movement, now: number) {
  const { productId, onHandDelta: dOn, reservedDelta: dRes } = movement;
  const moved = await moveCounters(tx, productId, dOn, dRes, now);
  const level = await findCounters(tx, productId);
  if (!level) throw new NotFound('There is no product with this id');
  if (!moved) throw shortage(movement, level.onHand - level.reserved);
  return level;
}

function movementRow(
  movement: Movement,
  level: { onHand: number; reserved: number },
  now: number,
): StockMovementTable {
  return {
    id: newId(),
    product_id: movement.productId,
    type: movement.type,
    on_hand_delta: movement.onHandDelta,
    reserved_delta: movement.reservedDelta,
    on_hand_after: level.onHand,
    reserved_after: level.reserved,
    reason: movement.reason ?? null,
    reference: movement.reference ?? null,
    supplier: movement.supplier ?? null,
    unit_cost_cents: movement.unitCostCents ?? null,
    actor_id: movement.actorId ?? null,
    created_at: now,
  };
}

/** Counters moved whose ledger rows wait for their reference (see `takeStock`). */
export interface TakenStock {
  movement: Movement;
  onHandAfter: number;
  reservedAfter: number;
}

/**
 * Moves one product's counters (the conditional update: the stock row stays locked) and leaves its ledger row to
 * `recordTakenStock`, for a caller that learns the reference only once every unit is taken: placing a web order
 * numbers it after its stock, so an order refused for stock does not use up an order number. Neither writes the
 * change feed: the caller records it (recordStockChanges) just before it commits, because every feed writer waits
 * for the feed's counter row until the transaction holding it commits.
 */
export async function takeStock(tx: Tx, movement: Movement, now = Date.now()): Promise<TakenStock> {
  const level = await moveLevel(tx, movement, now);
  return { movement, onHandAfter: level.onHand, reservedAfter: level.reserved };
}

/** The ledger rows of stock taken with `takeStock`, under one reference, in one insert. */
export async function recordTakenStock(
  tx: Tx,
  taken: readonly TakenStock[],
  reference: string,
  now = Date.now(),
): Promise<StockMovement[]> {
  const rows = taken.map((t) =>
    movementRow({ ...t.movement, reference }, { onHand: t.onHandAfter, reserved: t.reservedAfter }, now),
  );
  await insertMovements(tx, rows);
  await noticeLowStock(tx, rows);
  return rows.map(toStockMovement);
}

/**
 * Several products' movements in one go (a counter sale or return): counters and ledger rows in product-id order
 * (the lock order of every stock writer), then one entry per product in the change feed, last, so the feed's
 * counter row is locked only after every stock row and as briefly as possible.
 */
export async function applyMovements(
  tx: Tx,
  movements: readonly Movement[],
  now = Date.now(),
): Promise<StockMovement[]> {
  const sorted = [...movements].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  const written: StockMovement[] = [];
  for (const movement of sorted) written.push(await moveAndRecord(tx, movement, now));
  await recordStockChanges(
    tx,
    sorted.map((m) => m.productId),
    now,
  );
  return written;
}

/** What a counter sale took of one product: units the server's count had, and units beyond it. */
export interface ShelfSale {
  productId: string;
  sold: number;
  shortfall: number;
}

/** One counter sale as the shelf sees it: what it wants of each product, and what its ledger rows name. */
export interface ShelfOrder {
  wanted: readonly { productId: string; quantity: number }[];
  reference: string;
  actorId: string | null;
}

/**
 * A counter sale is a fact: it never fails for stock. Each product's units come off `on_hand` as far as the server
 * had them available (on hand minus what web orders hold); units beyond that are the shortfall, reported for staff
 * to count the shelf, and do not move the counters. So `0 <= reserved <= on_hand` keeps holding, web orders keep
 * their reservations, the web shop's "available" never goes negative, and every change of the counters is a ledger
 * row. Each product (in product-id order) takes one conditional update when the shelf has the units; otherwise its
 * row is locked and read as it is now (currentCounters) and gives what is left, so two counters racing for the last
 * unit cannot both take it: one sells it, the other reports the shortfall. The caller records the change feed
 * (recordStockChanges) last in its transaction.
 */
export async function sellFromShelf(
  tx: Tx,
  wanted: readonly { productId: string; quantity: number }[],
  by: { reference: string; actorId: string | null },
  now = Date.now(),
): Promise<ShelfSale[]> {
  const sales: ShelfSale[] = [];
  const rows: StockMovementTable[] = [];
  for (const [productId, quantity] of wantedByProduct(wanted)) {
    // Mostly the shelf has them: one conditional update. Else lock the row, read it as it is now, take what is left.
    let sold = quantity;
    if (!(await moveCounters(tx, productId, -quantity, 0, now))) {
      const level = await currentCounters(tx, productId, now);
      if (!level) throw new NotFound('There is no product with this id');
      sold = shelfGives(level, quantity);
      if (sold > 0 && !(await moveCounters(tx, productId, -sold, 0, now)))
        throw new Error(`stock of ${productId} moved while its row was locked`);
    }
    sales.push({ productId, sold, shortfall: quantity - sold });
    if (sold > 0)
      rows.push(shelfSaleRow(productId, sold, quantity, (await findCounters(tx, productId))!, by, now));
  }
  await insertMovements(tx, rows);
  await noticeLowStock(tx, rows);
  return sales;
}

/**
 * Many counter sales at once, in their order, as if each went through sellFromShelf after the one before: a pushed
 * batch's sales take a fixed number of statements (the products' rows locked and read in one go, one update per
 * product, one insert of every ledger row) instead of several per sale. Answers each sale's ShelfSales.
 */
export async function sellManyFromShelf(
  tx: Tx,
  orders: readonly ShelfOrder[],
  now = Date.now(),
): Promise<ShelfSale[][]> {
  const productIds = [...new Set(orders.flatMap((o) => o.wanted.map((w) => w.productId)))].sort();
  const levels = await currentCountersOf(tx, productIds, now);
  const taken = new Map<string, number>();
  const rows: StockMovementTable[] = [];
  const answers = orders.map((order) =>
    [...wantedByProduct(order.wanted)].map(([productId, quantity]): ShelfSale => {
      const level = levels.get(productId);
      if (!level) throw new NotFound('There is no product with this id');
      const sold = shelfGives(level, quantity);
      if (sold > 0) {
        level.onHand -= sold;
        taken.set(productId, (taken.get(productId) ?? 0) + sold);
        rows.push(shelfSaleRow(productId, sold, quantity, level, order, now));
      }
      return { productId, sold, shortfall: quantity - sold };
    }),
  );
  for (const [productId, sold] of taken)
    if (!(await moveCounters(tx, productId, -sold, 0, now)))
      throw new Error(`stock of ${productId} moved while its row was locked`);
  await insertMovements(tx, rows);
  await noticeLowStock(tx, rows);
  return answers;
}

/** A sale's quantities summed per product, in product-id order (the lock order of every stock writer). */
function wantedByProduct(wanted: readonly { productId: string; quantity: number }[]): [string, number][] {
  const quantities = new Map<string, number>();
  for (const w of wanted) quantities.set(w.productId, (quantities.get(w.productId) ?? 0) + w.quantity);
  return [...quantities].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** What the shelf can give of `quantity`: what is on hand beyond what web orders hold, never less than nothing. */
function shelfGives(level: { onHand: number; reserved: number }, quantity: number): number {
  return Math.min(quantity, Math.max(level.onHand - level.reserved, 0));
}

function shelfSaleRow(
  productId: string,
  sold: number,
  quantity: number,
  after: { onHand: number; reserved: number },
  by: { reference: string; actorId: string | null },
  now: number,
): StockMovementTable {
  return {
    id: newId(),
    product_id: productId,
    type: 'sale',
    on_hand_delta: -sold,
    reserved_delta: 0,
    on_hand_after: after.onHand,
    reserved_after: after.reserved,
    reason: sold < quantity ? `counter sale, ${quantity - sold} beyond stock` : 'counter sale',
    reference: by.reference,
    actor_id: by.actorId,
    created_at: now,
  };
}

/**
 * The change feed's entries for products whose stock moved: the caller's last write (sellFromShelf leaves it to
 * the caller, which has its own rows to write first), so the feed's counter row is locked as briefly as possible.
 */
export async function recordStockChanges(
  tx: Tx,
  productIds: readonly string[],
  now = Date.now(),
): Promise<void> {
  await recordChanges(
    tx,
    [...new Set(productIds)].map((entityId) => ({
      entity: 'stock' as const,
      entityId,
      operation: 'upsert' as const,
    })),
    now,
  );
}

function shortage(movement: Movement, available: number): Conflict {
  const wanted = movement.reservedDelta > 0 ? movement.reservedDelta : -movement.onHandDelta;
  if (movement.reservedDelta < 0 && movement.onHandDelta === movement.reservedDelta)
    return new Conflict('Fewer units are reserved than this sale needs', { quantity: 'more than reserved' });
  if (movement.reservedDelta < 0)
    return new Conflict('Fewer units are reserved than released', { quantity: 'more than reserved' });
  return new Conflict(
    available > 0 ? `Only ${available} available, ${wanted} requested` : 'This product is out of stock',
    { quantity: `at most ${Math.max(available, 0)}` },
  );
}

export function toStockMovement(row: StockMovementTable): StockMovement {
  return {
    id: row.id,
    productId: row.product_id,
    type: row.type as StockMovementType,
    onHandDelta: Number(row.on_hand_delta),
    reservedDelta: Number(row.reserved_delta),
    onHandAfter: Number(row.on_hand_after),
    reservedAfter: Number(row.reserved_after),
    reason: row.reason,
    reference: row.reference,
    supplier: row.supplier ?? null,
    unitCostCents:
      row.unit_cost_cents === null || row.unit_cost_cents === undefined ? null : Number(row.unit_cost_cents),
    actorId: row.actor_id,
    createdAt: Number(row.created_at),
  };
}
