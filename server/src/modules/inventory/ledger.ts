import type { StockMovement, StockMovementType } from '@shop/shared';
import { newId } from '../../db/ids';
import type { StockMovementTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import { recordChanges } from '../sync/change-log';
import { findCounters, insertMovement, moveCounters } from './ledger-repo';

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
  /** What caused it: an order number, a POS sale id, a purchase receipt. */
  reference?: string | null;
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
  const { productId, onHandDelta: dOn, reservedDelta: dRes } = movement;
  const moved = await moveCounters(tx, productId, dOn, dRes, now);
  const level = await findCounters(tx, productId);
  if (!level) throw new NotFound('There is no product with this id');
  if (!moved) throw shortage(movement, level.onHand - level.reserved);

  const row = {
    id: newId(),
    product_id: productId,
    type: movement.type,
    on_hand_delta: dOn,
    reserved_delta: dRes,
    on_hand_after: level.onHand,
    reserved_after: level.reserved,
    reason: movement.reason ?? null,
    reference: movement.reference ?? null,
    actor_id: movement.actorId ?? null,
    created_at: now,
  };
  await insertMovement(tx, row);
  await recordChanges(tx, [{ entity: 'stock', entityId: productId, operation: 'upsert' }], now);
  return toStockMovement(row);
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
    actorId: row.actor_id,
    createdAt: Number(row.created_at),
  };
}
