import type { Db } from '../../db/database';
import { Conflict } from '../../http/errors';
import type { Logger } from '../../logger';
import type { OrderMailer } from '../orders/notifications';
import { transitionOrder } from '../orders/service';
import { lapsedPreOrders } from './repo';

/**
 * Arrived pre-orders whose units waited past the shop's deadline (setting `orders.preOrders`, holdDays) for the rest
 * of the money lapse: their units go back, their deposit follows the shop's rule and the next in line is served
 * from those units (serving.ts: closePreOrder), all in one transaction per pre-order. Run by the payment job's pass.
 * Each is claimed by the conditional status update of transitionOrder (from preorder_arrived only): when several
 * server processes find the same one, one moves it and the others are refused and skip it.
 */
const BATCH = 20;

export async function releaseLapsedPreOrders(
  db: Db,
  mailer: OrderMailer,
  logger: Logger,
  now = Date.now(),
): Promise<number> {
  let released = 0;
  for (const orderId of await lapsedPreOrders(db, now, BATCH)) {
    try {
      await transitionOrder(
        db,
        {
          orderId,
          to: 'expired',
          actor: 'system',
          actorId: null,
          reason: 'the rest was not paid by the pre-order deadline',
        },
        mailer,
      );
      released++;
    } catch (error) {
      if (error instanceof Conflict) continue; // another process (or a payment) moved it first
      logger.error({ err: error, orderId }, 'a lapsed pre-order could not be released; will retry');
    }
  }
  return released;
}
