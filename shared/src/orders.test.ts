import { describe, expect, it } from 'vitest';
import {
  canCancelLines,
  canTransition,
  handsOverGoods,
  holdsReservation,
  nextStatuses,
  orderStatuses,
  statusWhenPaid,
  warrantyUntil,
  type OrderActor,
  type OrderStatus,
} from './orders';
import { depositFor } from './pre-order-info';

/**
 * The order lifecycle written out by hand from the shop's rules (not read from `orderTransitions`): every move the
 * table allows and who may make it. Anything not listed here must be refused.
 */
const ALLOWED = [
  'pending_payment → paid: system',
  'pending_payment → payment_review: system, staff',
  'pending_payment → cancelled: customer, staff',
  'pending_payment → expired: system',
  'payment_review → paid: staff',
  'payment_review → cancelled: staff',
  'payment_review → pending_payment: staff',
  'paid → processing: staff',
  'paid → refunded: staff',
  'processing → ready_for_pickup: staff',
  'processing → out_for_delivery: staff',
  'processing → refunded: staff',
  'ready_for_pickup → picked_up: staff',
  'ready_for_pickup → refunded: staff',
  'out_for_delivery → delivered: staff',
  'out_for_delivery → delivery_failed: staff',
  'delivery_failed → out_for_delivery: staff',
  'delivery_failed → refunded: staff',
  'picked_up → refunded: staff',
  'delivered → refunded: staff',
  // Pre-orders: the deposit (paid by the payment job, or in cash to staff), confirmation, serving, the rest.
  'preorder_deposit → preorder_placed: system, staff',
  'preorder_deposit → cancelled: customer, staff',
  'preorder_deposit → expired: system',
  'preorder_placed → preorder_confirmed: staff',
  'preorder_placed → cancelled: customer, staff',
  'preorder_confirmed → preorder_arrived: system',
  'preorder_confirmed → cancelled: customer, staff',
  'preorder_arrived → paid: system, staff',
  'preorder_arrived → expired: system',
  'preorder_arrived → cancelled: staff',
];

const allowed = new Set(
  ALLOWED.flatMap((line) => {
    const [move, actors] = line.split(': ') as [string, string];
    return actors.split(', ').map((actor) => `${move}: ${actor}`);
  }),
);
const ACTORS: OrderActor[] = ['customer', 'staff', 'system'];

describe('order state machine', () => {
  it('knows the twelve statuses of an order and the four of a pre-order', () => {
    expect([...orderStatuses].sort()).toEqual(
      [
        'cancelled',
        'delivered',
        'delivery_failed',
        'expired',
        'out_for_delivery',
        'paid',
        'payment_review',
        'picked_up',
        'pending_payment',
        'processing',
        'ready_for_pickup',
        'refunded',
        'preorder_deposit',
        'preorder_placed',
        'preorder_confirmed',
        'preorder_arrived',
      ].sort(),
    );
  });

  it('allows exactly the moves of the shop rules, each only to the actors named', () => {
    const granted: string[] = [];
    for (const from of orderStatuses)
      for (const to of orderStatuses)
        for (const actor of ACTORS)
          if (canTransition(from, to, actor)) granted.push(`${from} → ${to}: ${actor}`);
    expect(granted.sort()).toEqual([...allowed].sort());
    expect(granted).toHaveLength(37);
  });

  it('lets money be marked paid only by a Bakong check or by staff in review, never by the customer', () => {
    expect(canTransition('pending_payment', 'paid', 'system')).toBe(true);
    expect(canTransition('pending_payment', 'paid', 'customer')).toBe(false);
    expect(canTransition('pending_payment', 'paid', 'staff')).toBe(false);
    expect(canTransition('payment_review', 'paid', 'staff')).toBe(true);
    expect(canTransition('payment_review', 'paid', 'system')).toBe(false);
    for (const from of orderStatuses) expect(canTransition(from, 'paid', 'customer'), from).toBe(false);
  });

  it('lets a customer only cancel an order that still waits for its money', () => {
    expect(canTransition('pending_payment', 'cancelled', 'customer')).toBe(true);
    expect(canTransition('payment_review', 'cancelled', 'customer')).toBe(false);
    expect(canTransition('paid', 'cancelled', 'customer')).toBe(false);
    expect(canTransition('paid', 'cancelled', 'staff')).toBe(false);
  });

  it('never leaves cancelled, expired or refunded', () => {
    for (const end of ['cancelled', 'expired', 'refunded'] as const)
      for (const actor of ACTORS) expect(nextStatuses(end, actor), `${end}/${actor}`).toEqual([]);
  });

  it('does not refund goods on their way: a delivery first arrives or fails', () => {
    expect(canTransition('out_for_delivery', 'refunded', 'staff')).toBe(false);
    expect(canTransition('delivery_failed', 'refunded', 'staff')).toBe(true);
    expect(canTransition('delivered', 'refunded', 'staff')).toBe(true);
  });

  it('does not skip steps or go back after payment', () => {
    expect(canTransition('paid', 'ready_for_pickup', 'staff')).toBe(false);
    expect(canTransition('paid', 'out_for_delivery', 'staff')).toBe(false);
    expect(canTransition('processing', 'paid', 'staff')).toBe(false);
    expect(canTransition('ready_for_pickup', 'out_for_delivery', 'staff')).toBe(false);
    expect(canTransition('pending_payment', 'processing', 'staff')).toBe(false);
    expect(canTransition('expired', 'pending_payment', 'system')).toBe(false);
    for (const status of orderStatuses)
      for (const actor of ACTORS) expect(canTransition(status, status, actor), status).toBe(false);
  });

  it('lists what an actor can do next, in the order of the table', () => {
    expect(nextStatuses('pending_payment', 'customer')).toEqual(['cancelled']);
    expect(nextStatuses('pending_payment', 'system')).toEqual(['paid', 'payment_review', 'expired']);
    expect(nextStatuses('pending_payment', 'staff')).toEqual(['payment_review', 'cancelled']);
    expect(nextStatuses('payment_review', 'staff')).toEqual(['paid', 'cancelled', 'pending_payment']);
    expect(nextStatuses('processing', 'staff')).toEqual(['ready_for_pickup', 'out_for_delivery', 'refunded']);
    expect(nextStatuses('delivery_failed', 'staff')).toEqual(['out_for_delivery', 'refunded']);
    expect(nextStatuses('processing', 'customer')).toEqual([]);
    expect(nextStatuses('processing', 'system')).toEqual([]);
  });

  it('holds stock while the money is awaited, and only then', () => {
    const holding = orderStatuses.filter(holdsReservation);
    // An arrived pre-order's units wait for the rest of its money.
    expect(holding).toEqual(['pending_payment', 'payment_review', 'preorder_arrived']);
  });

  it('cancels lines only of orders still open in the shop, never of a pre-order (cancelled whole)', () => {
    const closed: OrderStatus[] = [
      'cancelled',
      'expired',
      'refunded',
      'picked_up',
      'delivered',
      'preorder_deposit',
      'preorder_placed',
      'preorder_confirmed',
      'preorder_arrived',
    ];
    for (const status of orderStatuses) expect(canCancelLines(status), status).toBe(!closed.includes(status));
  });

  it('names serial numbers when goods leave the shop', () => {
    expect(orderStatuses.filter(handsOverGoods)).toEqual(['picked_up', 'out_for_delivery', 'delivered']);
  });
});

/** A moment on the shop's clock (Phnom Penh, UTC+7), as a person in the shop reads it. */
const shop = (local: string) => Date.parse(`${local}+07:00`);

describe('warranty end on the shop calendar', () => {
  it('runs the usual warranties of the catalog: 12, 24 and 36 months', () => {
    expect(warrantyUntil(shop('2025-06-10T15:45:00'), 12)).toBe(shop('2026-06-10T15:45:00'));
    expect(warrantyUntil(shop('2025-06-10T15:45:00'), 24)).toBe(shop('2027-06-10T15:45:00'));
    expect(warrantyUntil(shop('2025-06-10T15:45:00'), 36)).toBe(shop('2028-06-10T15:45:00'));
  });

  it('keeps the time of the sale to the millisecond', () => {
    expect(warrantyUntil(shop('2025-06-10T15:45:59.123'), 1)).toBe(shop('2025-07-10T15:45:59.123'));
  });

  it('ends at the moment of the sale for no warranty', () => {
    expect(warrantyUntil(shop('2025-06-10T15:45:00'), 0)).toBe(shop('2025-06-10T15:45:00'));
  });

  it('crosses the year end', () => {
    expect(warrantyUntil(shop('2024-11-30T12:00:00'), 3)).toBe(shop('2025-02-28T12:00:00'));
    expect(warrantyUntil(shop('2025-12-31T18:00:00'), 2)).toBe(shop('2026-02-28T18:00:00'));
  });

  it('ends on 29 February only in leap years', () => {
    expect(warrantyUntil(shop('2024-02-29T10:00:00'), 24)).toBe(shop('2026-02-28T10:00:00'));
    expect(warrantyUntil(shop('2024-02-29T10:00:00'), 48)).toBe(shop('2028-02-29T10:00:00'));
    expect(warrantyUntil(shop('2027-03-31T10:00:00'), 11)).toBe(shop('2028-02-29T10:00:00'));
  });

  it('takes the day of the month from the shop calendar near midnight', () => {
    // 31 January 05:00 in Phnom Penh is 30 January in UTC; counting in UTC would end on 1 March in the shop.
    expect(warrantyUntil(shop('2024-01-31T05:00:00'), 1)).toBe(shop('2024-02-29T05:00:00'));
    // 1 March 00:30 in Phnom Penh is still 29 February in UTC.
    expect(warrantyUntil(shop('2024-03-01T00:30:00'), 1)).toBe(shop('2024-04-01T00:30:00'));
    // 31 May 23:30 in Phnom Penh: June has 30 days.
    expect(warrantyUntil(shop('2025-05-31T23:30:00'), 1)).toBe(shop('2025-06-30T23:30:00'));
  });

  it('runs ten years without drifting', () => {
    expect(warrantyUntil(shop('2025-01-31T09:00:00'), 120)).toBe(shop('2035-01-31T09:00:00'));
  });
});

describe('pre-order deposits', () => {
  it('take the percent of the total, half up to the cent, or to 100 riel; 100 % is the whole total', () => {
    expect(depositFor(89_999, 'USD', 0)).toBe(0);
    expect(depositFor(89_999, 'USD', 25)).toBe(22_500);
    expect(depositFor(89_998, 'USD', 25)).toBe(22_500);
    expect(depositFor(89_997, 'USD', 25)).toBe(22_499);
    expect(depositFor(89_999, 'USD', 50)).toBe(45_000);
    expect(depositFor(89_999, 'USD', 100)).toBe(89_999);
    expect(depositFor(3_685_900, 'KHR', 25)).toBe(921_500); // 921,475 → 921,500
    expect(depositFor(3_685_900, 'KHR', 50)).toBe(1_843_000); // 1,842,950 → 1,843,000
    expect(depositFor(3_685_900, 'KHR', 100)).toBe(3_685_900);
    expect(statusWhenPaid('preorder_deposit')).toBe('preorder_placed');
    expect(statusWhenPaid('preorder_arrived')).toBe('paid');
    expect(statusWhenPaid('preorder_confirmed')).toBeNull();
  });
});
