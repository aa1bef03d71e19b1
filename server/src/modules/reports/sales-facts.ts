import type { SalesPaymentKey } from '@shop/shared';
import type { SalesRollupTable } from '../../db/schema';
import type { SourceLine, SourceOrder, SourcePayment } from './source-repo';
import { shopDayOf } from './shop-days';

/**
 * The sales reports' arithmetic, in one place and without SQL (docs/reports.md has it in words):
 * - a sold order counts on the shop day it was paid: per line, the units not cancelled before payment, their
 *   value at the order's prices (revenue), the line's discount plus its share of the order's discount;
 * - a line cancelled after payment and goods brought back to a counter are refunds on the day they happened,
 *   for the value recorded with them; a whole order refunded by staff refunds what was left of each line then;
 * - each of those carries the groupings of its order and line, and the payment grouping shares it out over the
 *   order's payments by their value in dollars.
 */
export const ROLLUP_DIMS = ['total', 'product', 'category', 'brand', 'staff', 'channel', 'payment'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

/** The staff key of web orders, which nobody at a counter sold. */
export const ONLINE_STAFF = 'online';

export interface SalesSource {
  soldOrderIds: readonly string[];
  cancellations: readonly {
    order_id: string;
    order_item_id: string;
    quantity: number;
    value_cents: number;
    created_at: number;
  }[];
  returns: readonly {
    order_id: string;
    order_item_id: string;
    quantity: number;
    value_cents: number;
    at: number;
  }[];
  refunds: readonly { order_id: string; created_at: number }[];
  orders: ReadonlyMap<string, SourceOrder>;
  lines: ReadonlyMap<string, readonly SourceLine[]>;
  /** Units of a line cancelled before payment, by line id. */
  cancelledBeforePayment: ReadonlyMap<string, number>;
  payments: ReadonlyMap<string, readonly SourcePayment[]>;
  paidByProof: ReadonlySet<string>;
}

interface Fact {
  day: string;
  orderId: string;
  /** A sale (counts the order) rather than a refund. */
  sale: boolean;
  line: SourceLine;
  units: number;
  revenue: number;
  discount: number;
  refund: number;
  /** What the units kept cost (negative for units that came back); 0 without a cost price. */
  cost: number;
}

/** What each line of an order sold for when it was paid. */
interface LineSale {
  line: SourceLine;
  units: number;
  revenue: number;
  discount: number;
}

export function lineSales(
  order: SourceOrder,
  lines: readonly SourceLine[],
  before: ReadonlyMap<string, number>,
): LineSale[] {
  const sold = lines.map((line) => {
    const units = Number(line.quantity) - (before.get(line.id) ?? 0);
    const revenue = units * Number(line.unit_price_cents);
    return { line, units, revenue, lineDiscount: Number(line.discount_cents ?? 0) };
  });
  const shares = split(
    Number(order.discount_cents ?? 0),
    sold.map((s) => Math.max(0, s.revenue - s.lineDiscount)),
  );
  return sold.map((s, i) => ({
    line: s.line,
    units: s.units,
    revenue: s.revenue,
    discount: s.lineDiscount + shares[i]!,
  }));
}

/**
 * A repair paid at pickup (decision 0021) sells the work, not a unit of the claimed product: its revenue counts, on
 * the day it was paid, under that product, its category and brand, the staff member, the `pos` channel and its
 * payment; its units are 0 and it has no cost price (so it stays out of the costed margin).
 */
const isRepair = (line: SourceLine) => line.repair_claim_id !== null && line.repair_claim_id !== undefined;

function hasCost(line: SourceLine): boolean {
  return line.cost_cents !== null && line.cost_cents !== undefined && !isRepair(line);
}

function costOf(line: SourceLine, units: number): number {
  return hasCost(line) ? units * Number(line.cost_cents) : 0;
}

export function salesFacts(source: SalesSource): Fact[] {
  const facts: Fact[] = [];
  const sales = new Map<string, LineSale[]>();
  const salesOf = (orderId: string) => {
    let found = sales.get(orderId);
    if (!found) {
      found = lineSales(
        source.orders.get(orderId)!,
        source.lines.get(orderId) ?? [],
        source.cancelledBeforePayment,
      );
      sales.set(orderId, found);
    }
    return found;
  };
  const lineOf = (orderId: string, lineId: string) => salesOf(orderId).find((s) => s.line.id === lineId)!;

  for (const orderId of source.soldOrderIds) {
    const day = shopDayOf(Number(source.orders.get(orderId)!.paid_at));
    for (const s of salesOf(orderId))
      facts.push({
        day,
        orderId,
        sale: true,
        line: s.line,
        units: isRepair(s.line) ? 0 : s.units,
        revenue: s.revenue,
        discount: s.discount,
        refund: 0,
        cost: costOf(s.line, s.units),
      });
  }
  const refund = (orderId: string, lineId: string, at: number, units: number, value: number) => {
    const { line } = lineOf(orderId, lineId);
    facts.push({
      day: shopDayOf(at),
      orderId,
      sale: false,
      line,
      units: 0,
      revenue: 0,
      discount: 0,
      refund: value,
      cost: -costOf(line, units),
    });
  };
  for (const c of source.cancellations)
    refund(c.order_id, c.order_item_id, Number(c.created_at), Number(c.quantity), Number(c.value_cents));
  for (const r of source.returns)
    refund(r.order_id, r.order_item_id, Number(r.at), Number(r.quantity), Number(r.value_cents));
  for (const r of source.refunds)
    for (const s of salesOf(r.order_id)) {
      const left =
        Number(s.line.quantity) - Number(s.line.cancelled_quantity) - Number(s.line.returned_quantity ?? 0);
      if (left <= 0 || s.units <= 0) continue;
      refund(
        r.order_id,
        s.line.id,
        Number(r.created_at),
        left,
        Math.round(((s.revenue - s.discount) * left) / s.units),
      );
    }
  return facts;
}

/** The payment keys of an order with their weights (dollar value of each payment). */
export function paymentShares(
  source: SalesSource,
  order: SourceOrder,
): { key: SalesPaymentKey; weight: number }[] {
  const payments = source.payments.get(order.id) ?? [];
  if (payments.length === 0) return [{ key: source.paidByProof.has(order.id) ? 'proof' : 'khqr', weight: 1 }];
  const rate = Number(order.riel_per_usd) || 4000;
  const byKey = new Map<SalesPaymentKey, number>();
  for (const p of payments) {
    const key: SalesPaymentKey =
      p.method === 'cash'
        ? p.currency === 'KHR'
          ? 'cash_khr'
          : 'cash_usd'
        : p.method === 'proof'
          ? 'proof'
          : 'khqr';
    const usdCents = p.currency === 'KHR' ? (Number(p.amount_minor) * 100) / rate : Number(p.amount_minor);
    byKey.set(key, (byKey.get(key) ?? 0) + usdCents);
  }
  return [...byKey].map(([key, weight]) => ({ key, weight }));
}

/** The rollup rows of `days` from the facts: one per day, grouping and group. */
export function rollupRows(
  source: SalesSource,
  facts: readonly Fact[],
  days: ReadonlySet<string>,
): SalesRollupTable[] {
  const sums = new Map<string, SalesRollupTable & { orderIds: Set<string> }>();
  const add = (dim: RollupDim, key: string, fact: Fact, share: (n: number) => number) => {
    const id = `${dim}\u0000${fact.day}\u0000${key}`;
    let row = sums.get(id);
    if (!row) {
      row = {
        dim,
        day: fact.day,
        group_key: key,
        orders: 0,
        units: 0,
        revenue_cents: 0,
        discount_cents: 0,
        refund_cents: 0,
        cost_cents: 0,
        costed_net_cents: 0,
        orderIds: new Set(),
      };
      sums.set(id, row);
    }
    if (fact.sale) row.orderIds.add(fact.orderId);
    row.units += share(fact.units);
    row.revenue_cents += share(fact.revenue);
    row.discount_cents += share(fact.discount);
    row.refund_cents += share(fact.refund);
    row.cost_cents += share(fact.cost);
    if (hasCost(fact.line)) row.costed_net_cents += share(fact.revenue - fact.discount - fact.refund);
  };
  const whole = (n: number) => n;
  for (const fact of facts) {
    if (!days.has(fact.day)) continue;
    const order = source.orders.get(fact.orderId)!;
    add('total', '', fact, whole);
    add('product', fact.line.product_id, fact, whole);
    add('category', fact.line.category_id, fact, whole);
    add('brand', fact.line.brand_id, fact, whole);
    add('staff', order.staff_id ?? ONLINE_STAFF, fact, whole);
    add('channel', order.channel, fact, whole);
    const shares = paymentShares(source, order);
    const weights = shares.map((s) => s.weight);
    shares.forEach((s, i) => add('payment', s.key, fact, (n) => split(n, weights)[i]!));
  }
  return [...sums.values()].map(({ orderIds, ...row }) => ({ ...row, orders: orderIds.size }));
}

/**
 * `amount` shared out in proportion to `weights`, in whole cents that add up to it exactly (largest remainder):
 * an order's discount over its lines, a line's figures over the order's payments.
 */
export function split(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (amount * w) / total);
  const parts = exact.map((x) => Math.trunc(x));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: Math.abs(x - parts[i]!) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  const step = Math.sign(left);
  for (let k = 0; left !== 0 && k < order.length; k++, left -= step) parts[order[k]!.i]! += step;
  return parts;
}
