import type { SerialStatus, StockLevel, StockMovement, StockMovementInput } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { PageRequest } from '../../db/paging';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { applyMovement, movementEffects, toStockMovement } from './ledger';
import {
  findStockedProduct,
  findStockLevel,
  insertSerials,
  moveSerialsInStock,
  pageOfMovements,
  serialsOf,
} from './repo';

/** Stock rules of the back office and of orders. Counters change only through the ledger (ledger.ts). */

/** A receipt or a manual adjustment from the back office; serialized products name every unit. */
export async function recordStockMovement(
  db: Db,
  input: StockMovementInput,
  actor: Actor,
): Promise<StockMovement> {
  try {
    return await inTransaction(db, async (tx) => {
      const product = await findStockedProduct(tx, input.productId);
      if (!product) throw new NotFound('There is no product with this id');
      const serials = input.serials ?? [];
      if (product.serialized === 1 && serials.length === 0)
        throw new Invalid('This product is tracked by serial number', {
          serials: 'give one serial number per unit',
        });
      if (product.serialized === 0 && serials.length > 0)
        throw new Invalid('This product is not tracked by serial number', {
          serials: 'leave empty for this product',
        });

      const effect =
        input.type === 'receive'
          ? movementEffects.receive(input.quantity)
          : movementEffects.adjust(input.quantity);
      const movement = await applyMovement(tx, {
        productId: input.productId,
        type: input.type,
        ...effect,
        reason: input.reason ?? null,
        actorId: actor.userId,
      });
      if (input.quantity > 0) await addSerials(tx, input.productId, serials, movement.id);
      else await writeOffSerials(tx, input.productId, serials, movement.id);
      await recordAudit(tx, actor, {
        action: `stock.${input.type}`,
        entity: 'product',
        entityId: input.productId,
        after: { quantity: input.quantity, reason: input.reason ?? null, serials, movementId: movement.id },
      });
      return movement;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict('A serial number is already recorded for this product', {
        serials: 'already in stock or sold',
      });
    throw error;
  }
}

export async function reserveStock(
  tx: Tx,
  productId: string,
  quantity: number,
  reference: string,
): Promise<StockMovement> {
  return applyMovement(tx, { productId, type: 'reserve', ...movementEffects.reserve(quantity), reference });
}

export async function releaseStock(
  tx: Tx,
  productId: string,
  quantity: number,
  reference: string,
): Promise<StockMovement> {
  return applyMovement(tx, { productId, type: 'release', ...movementEffects.release(quantity), reference });
}

export async function sellReservedStock(
  tx: Tx,
  productId: string,
  quantity: number,
  reference: string,
): Promise<StockMovement> {
  return applyMovement(tx, { productId, type: 'sale', ...movementEffects.sellReserved(quantity), reference });
}

/** A product's counters, serials and one page of its stock history (the newest 50 unless asked otherwise). */
export async function getStockLevel(
  db: Db,
  productId: string,
  page: PageRequest = { page: 1, pageSize: 50 },
): Promise<StockLevel> {
  const [level, movements, serials] = await Promise.all([
    findStockLevel(db, productId),
    pageOfMovements(db, productId, page),
    serialsOf(db, productId, 500),
  ]);
  if (!level) throw new NotFound('There is no product with this id');
  const onHand = Number(level.on_hand);
  const reserved = Number(level.reserved);
  return {
    productId,
    onHand,
    reserved,
    available: onHand - reserved,
    lowStockThreshold: Number(level.low_stock_threshold),
    movements: movements.rows.map(toHistoryEntry),
    movementsTotal: movements.total,
    page: page.page,
    pageSize: page.pageSize,
    serials: serials.map((s) => ({ serial: s.serial, status: s.status as SerialStatus })),
  };
}

/** A movement of the stock history: who moved it, and the order it belongs to. */
function toHistoryEntry(row: Awaited<ReturnType<typeof pageOfMovements>>['rows'][number]): StockMovement {
  return {
    ...toStockMovement(row),
    actorName: row.actor_name ?? null,
    order:
      row.order_id && row.order_number
        ? {
            id: row.order_id,
            number: row.order_number,
            channel: row.order_channel ?? 'web',
            receiptNumber: row.order_receipt ?? null,
          }
        : null,
  };
}

async function addSerials(tx: Tx, productId: string, serials: string[], reference: string): Promise<void> {
  if (serials.length === 0) return;
  const now = Date.now();
  await insertSerials(
    tx,
    serials.map((serial) => ({
      id: newId(),
      product_id: productId,
      serial,
      status: 'in_stock',
      reference,
      sold_at: null,
      warranty_until: null,
      created_at: now,
      updated_at: now,
    })),
  );
}

/** Units removed by a negative adjustment leave sellable stock; they are kept on record as RMA (damaged, lost). */
async function writeOffSerials(
  tx: Tx,
  productId: string,
  serials: string[],
  reference: string,
): Promise<void> {
  if (serials.length === 0) return;
  const moved = await moveSerialsInStock(tx, productId, serials, {
    status: 'rma',
    reference,
    updatedAt: Date.now(),
  });
  if (moved !== serials.length)
    throw new Conflict('Some of these serial numbers are not in stock', { serials: 'not all are in stock' });
}
