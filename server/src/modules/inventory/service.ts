import type { SerialStatus, StockLevel, StockMovement, StockMovementInput } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { PageRequest } from '../../db/paging';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Forbidden, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import type { OrderMailer } from '../orders/notifications';
import { servePreOrders } from '../pre-orders/serving';
import { mailStockAlerts } from '../stock-alerts/service';
import { applyMovement, movementEffects, toStockMovement } from './ledger';
import {
  findStockedProduct,
  findStockLevel,
  insertSerials,
  moveSerialsInStock,
  pageOfMovements,
  serialsOf,
  setCostPrice,
  type HistoryFilter,
} from './repo';

/** Stock rules of the back office and of orders. Counters change only through the ledger (ledger.ts). */

/**
 * A receipt or a manual adjustment from the back office; serialized products name every unit. A receipt may name
 * its supplier, their invoice or delivery note number (the movement's reference) and, for those who see costs
 * (`seesCost`: admins), what one unit cost: that becomes the product's cost price in the same transaction.
 *
 * Cost price rule: the LAST cost, not a weighted average. It is what the back office set by hand before, it values
 * the stock at what restocking it costs today (electronics only get cheaper), and it cannot drift: a weighted
 * average would need the old cost and the units on hand read consistently under concurrent receipts, sales and
 * adjustments, and would be skewed by uncosted receipts and adjustments. Every receipt keeps its own unit cost in the
 * ledger, so an average can still be worked out from the history.
 */
async function availableNow(tx: Tx, productId: string): Promise<number> {
  const level = await findStockLevel(tx, productId);
  return level ? Number(level.on_hand) - Number(level.reserved) : 0;
}

export async function recordStockMovement(
  db: Db,
  input: StockMovementInput,
  actor: Actor,
  seesCost = false,
  /** Tells pre-order customers their units arrived; without it (tools, tests of stock alone) none are served. */
  mailer: OrderMailer | null = null,
): Promise<StockMovement> {
  if (input.unitCostCents !== undefined && !seesCost)
    throw new Forbidden('Only an admin may record what goods cost: send the receipt without unitCostCents');
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
        reference: input.reference ?? null,
        supplier: input.supplier ?? null,
        unitCostCents: input.unitCostCents ?? null,
        actorId: actor.userId,
      });
      if (input.unitCostCents !== undefined) await setCostPrice(tx, input.productId, input.unitCostCents);
      // Confirmed pre-orders take the new units first, in the order they were made, before the shelf gets any.
      if (input.quantity > 0 && mailer) await servePreOrders(tx, input.productId, mailer);
      // Units on sale again: whoever asked to be told hears it once (stock-alerts/service.ts).
      if (input.quantity > 0 && (await availableNow(tx, input.productId)) > 0)
        await mailStockAlerts(tx, input.productId);
      if (input.quantity > 0) await addSerials(tx, input.productId, serials, movement.id);
      else await writeOffSerials(tx, input.productId, serials, movement.id);
      await recordAudit(tx, actor, {
        action: `stock.${input.type}`,
        entity: 'product',
        entityId: input.productId,
        after: {
          quantity: input.quantity,
          reason: input.reason ?? null,
          serials,
          movementId: movement.id,
          ...(input.supplier !== undefined && { supplier: input.supplier }),
          ...(input.reference !== undefined && { reference: input.reference }),
          ...(input.unitCostCents !== undefined && {
            unitCostCents: input.unitCostCents,
            costCentsBefore: product.cost_cents === null ? null : Number(product.cost_cents),
          }),
        },
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

/**
 * A product's counters, serials and one page of its stock history (the newest 50 unless asked otherwise), filtered
 * by movement type and by text in the supplier or reference. Receipts' unit costs only for those who see costs.
 */
export async function getStockLevel(
  db: Db,
  productId: string,
  query: PageRequest & HistoryFilter = { page: 1, pageSize: 50 },
  seesCost = false,
): Promise<StockLevel> {
  const page = { page: query.page, pageSize: query.pageSize };
  const [level, movements, serials] = await Promise.all([
    findStockLevel(db, productId),
    pageOfMovements(db, productId, page, { type: query.type, q: query.q }),
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
    movements: movements.rows.map((row) => {
      const entry = toHistoryEntry(row);
      if (!seesCost) delete entry.unitCostCents;
      return entry;
    }),
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
