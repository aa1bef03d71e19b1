import type { OrderStatus } from '@shop/shared';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { applyMovement, movementEffects } from '../inventory/ledger';
import { releaseStock, reserveStock } from '../inventory/service';
import { releaseHold } from './holds';
import { reservationTakenBack, setReviewSince } from './holds-repo';
import { orderItemsByProduct } from './repo';

/**
 * A payment review that keeps stock from every other customer cannot last for ever (docs/decisions/
 * 0003-unpaid-holds.md). Past the limit the order stays in review, but its reservation goes back on sale and the
 * order no longer counts against its customer's limits. Staff deciding later take the units from what is available
 * then: accepting sells from the shelf, putting the order back to waiting for payment reserves again; when the
 * units are gone meanwhile, the step is refused with what is missing, so stock is never sold twice, and the money
 * the customer may have sent is kept by the order still in review until staff cancel lines or receive stock.
 */

/** The job's step: gives the reservation of an order in review back. */
export async function releaseReviewedStock(tx: Tx, order: OrderTable, now: number): Promise<void> {
  for (const item of await openUnits(tx, order.id))
    await releaseStock(tx, item.productId, item.units, order.number);
  await releaseHold(tx, order.id, now);
}

/** Accepting the payment of an order whose reservation was given back: the units come from what is available. */
export async function sellReleasedStock(tx: Tx, order: OrderTable): Promise<void> {
  const missing: Record<string, string> = {};
  for (const item of await openUnits(tx, order.id)) {
    await applyMovement(tx, {
      productId: item.productId,
      type: 'sale',
      ...movementEffects.sell(item.units),
      reference: order.number,
      reason: 'paid after its review let the reservation go',
    }).catch((error: unknown) => {
      if (!(error instanceof Conflict)) throw error;
      missing[`items.${item.productId}`] = `${item.name}: ${error.message}`;
    });
  }
  if (Object.keys(missing).length) throw shortfall(order, missing, 'accept the payment');
}

/** Back to waiting for payment (staff): the order holds its units again, if they are still there. */
export async function reserveReleasedStockAgain(tx: Tx, order: OrderTable): Promise<void> {
  const missing: Record<string, string> = {};
  for (const item of await openUnits(tx, order.id)) {
    await reserveStock(tx, item.productId, item.units, order.number).catch((error: unknown) => {
      if (!(error instanceof Conflict)) throw error;
      missing[`items.${item.productId}`] = `${item.name}: ${error.message}`;
    });
  }
  if (Object.keys(missing).length) throw shortfall(order, missing, 'put it back to waiting for payment');
  await reservationTakenBack(tx, order.id);
}

/** The review clock runs while an order is in payment review, from the moment it went in. */
export async function followReviewClock(
  tx: Tx,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  now: number,
): Promise<void> {
  if (to === 'payment_review' && from !== 'payment_review') await setReviewSince(tx, orderId, now);
  else if (from === 'payment_review' && to !== 'payment_review') await setReviewSince(tx, orderId, null);
}

async function openUnits(tx: Tx, orderId: string) {
  const items = await orderItemsByProduct(tx, orderId);
  return items
    .map((i) => ({
      productId: i.product_id,
      name: i.name,
      units: Number(i.quantity) - Number(i.cancelled_quantity),
    }))
    .filter((i) => i.units > 0);
}

function shortfall(order: OrderTable, missing: Record<string, string>, what: string): Conflict {
  return new Conflict(
    `${order.number} waited in review so long that its reserved stock went back on sale, and some of it is sold ` +
      `now. Receive stock or cancel those lines, then ${what}.`,
    missing,
  );
}
