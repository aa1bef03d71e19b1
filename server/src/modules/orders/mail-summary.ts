import { formatKhr, formatUsd } from '@shop/shared';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import type { OrderSummary } from '../../mail/copy/mail-copy';
import { getShopIdentity } from '../settings/service';
import { isGuestOrder } from './access';
import { orderLinesForMail } from './repo';

/**
 * What an order mail lists, read in the transaction of the step that mails it: the lines still ordered (cancelled
 * units left out), the totals as the order holds them, where to pick up (the shop's settings) or where it goes.
 */
export async function orderSummaryOf(tx: Tx, order: OrderTable): Promise<OrderSummary> {
  const lines = (await orderLinesForMail(tx, order.id))
    .map((l) => ({ ...l, units: Number(l.quantity) - Number(l.cancelled_quantity) }))
    .filter((l) => l.units > 0);
  const pickup = order.fulfilment !== 'delivery';
  const shop = pickup ? await getShopIdentity(tx) : null;
  const fee = Number(order.delivery_fee_cents);
  return {
    lines: lines.map((l) => ({
      name: l.name,
      quantity: l.units,
      amount: formatUsd(l.units * Number(l.unit_price_cents)),
    })),
    subtotal: formatUsd(Number(order.subtotal_cents)),
    deliveryFee: fee > 0 ? formatUsd(fee) : null,
    totalUsd: formatUsd(Number(order.total_cents)),
    totalKhr: formatKhr(Number(order.total_khr)),
    fulfilment: pickup ? 'pickup' : 'delivery',
    pickup: shop && { address: shop.address, hours: shop.hours },
    // A guest typed the address, and nobody has proven the mailbox is theirs: the shop's mail does not repeat it.
    deliveryDays:
      pickup || order.delivery_days_min == null || order.delivery_days_max == null
        ? null
        : { min: Number(order.delivery_days_min), max: Number(order.delivery_days_max) },
    deliveryTo: !pickup && !isGuestOrder(order) ? deliveryLinesOf(order) : null,
    serialized: lines.some((l) => Number(l.serialized) === 1),
  };
}

function deliveryLinesOf(order: OrderTable): string[] | null {
  if (!order.delivery_address_json) return null;
  const address = JSON.parse(order.delivery_address_json) as { recipient: string; lines: string[] };
  return [address.recipient, ...address.lines];
}
