import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { holdLimitFields, type HoldLimitHolder, type HoldLimitRefusal } from '@shop/shared';
import type { Db } from '../../db/database';
import type { OrderHoldTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { unitsAllowed, type HoldLimits } from './hold-limits';
import {
  addAllWithin,
  addWithin,
  ensureCounterInside,
  ensureCounters,
  findOrderHold,
  insertOrderHold,
  ORDERS_COUNTER,
  stillCounted,
  stopCounting,
  subtract,
  type CounterKey,
} from './holds-repo';
import { orderItemsByProduct } from './repo';

/**
 * What unpaid orders hold, counted per holder: the customer's account, the browser (its cart cookie, which stays
 * across sign-ins, so making a second account in the same browser does not start from zero) and the network
 * address. An order counts against each of them from placement until it stops waiting for money (paid, cancelled,
 * expired) or a review lasted so long that its reservation went back on sale.
 *
 * Limits are checked by conditional UPDATEs of counter rows inside the placing transaction, after the stock is
 * reserved: parallel orders of one holder queue on the same rows, on SQLite and MySQL alike. Every transaction
 * takes counter rows in the same order (`lockOrder`, the primary key's), and always after stock rows and the change
 * feed's counter, so two never wait on each other.
 */
export interface HoldOwner {
  /** The account; null for a guest, whose orders count against the browser and the network only. */
  customerId: string | null;
  /** The browser's cart cookie; null for apps that keep no cookies. */
  browserToken: string | null;
  /** The client's network address as the server sees it (behind a proxy: as TRUST_PROXY resolves it). */
  address: string | null;
}

interface Holder {
  by: HoldLimitHolder;
  key: string;
}

interface HolderIds {
  customerId: string | null;
  browserHash: string | null;
  addressHash: string | null;
}

export interface HeldLine {
  productId: string;
  name: string;
  quantity: number;
  /** On hand now (read after reserving, under the stock row's lock): the base of the share a customer may hold. */
  onHand: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Rows of counters are created before the placing transaction (see `ensureCounters`). */
export async function prepareHolds(db: Db, owner: HoldOwner, productIds: string[], now = Date.now()) {
  const keys = holdersOf(idsOf(owner)).flatMap((h) => [
    { holder: h.key, productId: ORDERS_COUNTER },
    ...productIds.map((productId) => ({ holder: h.key, productId })),
  ]);
  await ensureCounters(db, keys, now);
}

interface HoldStep {
  key: CounterKey;
  n: number;
  max: number;
  refusal: HoldLimitRefusal;
  name: string;
}

/** What a new order adds to each of its holders' counters, and the most each may then hold. */
function holdSteps(owner: HoldOwner, lines: HeldLine[], limits: HoldLimits): HoldStep[] {
  // A product on two lines counts once, with both lines' units: each line passing in turn is the sum passing.
  const units = new Map<string, HeldLine>();
  for (const line of lines) {
    const seen = units.get(line.productId);
    units.set(line.productId, seen ? { ...seen, quantity: seen.quantity + line.quantity } : line);
  }
  return holdersOf(idsOf(owner)).flatMap((holder) => {
    const perAddress = holder.by === 'address';
    const orders = perAddress ? limits.addressUnpaidOrders : limits.unpaidOrders;
    return [
      {
        key: { holder: holder.key, productId: ORDERS_COUNTER },
        n: 1,
        max: orders,
        refusal: { kind: 'unpaid_orders', by: holder.by, max: orders, productId: null } as HoldLimitRefusal,
        name: '',
      },
      ...[...units.values()].map((line) => {
        const max = perAddress ? limits.addressUnitsPerProduct : unitsAllowed(limits, line.onHand);
        return {
          key: { holder: holder.key, productId: line.productId },
          n: line.quantity,
          max,
          refusal: {
            kind: 'product_units',
            by: holder.by,
            max,
            productId: line.productId,
          } as HoldLimitRefusal,
          name: line.name,
        };
      }),
    ];
  });
}

/**
 * Counts a new order against every holder in one UPDATE: true when every counter row was there and stays within
 * its limit, the usual case. False otherwise, with some rows possibly moved: the caller rolls back to a savepoint
 * set before it and calls `takeHolds`, which makes missing rows and names the limit that bit.
 */
export async function takeHoldsAtOnce(
  tx: Tx,
  owner: HoldOwner,
  lines: HeldLine[],
  limits: HoldLimits,
  now: number,
): Promise<boolean> {
  return addAllWithin(tx, holdSteps(owner, lines, limits), now);
}

/**
 * Counts a new order against every holder, one counter at a time, or refuses it with a 409 that says which limit
 * bit (the transaction then rolls back, stock reservation included). The customer's counters are tried first, so a
 * refusal names the limit the customer can do something about before the browser's and the network's.
 */
export async function takeHolds(
  tx: Tx,
  owner: HoldOwner,
  lines: HeldLine[],
  limits: HoldLimits,
  now: number,
): Promise<void> {
  const steps = holdSteps(owner, lines, limits);
  for (const step of steps.sort((a, b) => refusalOrder(a.key, b.key))) {
    if (await addWithin(tx, step.key, step.n, step.max, now)) continue;
    // A counter row missing (the cart changed since they were made) is made now; then the rule decides.
    await ensureCounterInside(tx, step.key, now);
    if (await addWithin(tx, step.key, step.n, step.max, now)) continue;
    throw new Conflict(refusalMessage(step.refusal, step.name), holdLimitFields(step.refusal));
  }
}

/** The order's own record of its hold: whom it counts against, its lifetime and renewals. */
export async function recordHold(
  tx: Tx,
  orderId: string,
  owner: HoldOwner,
  limits: HoldLimits,
  now: number,
): Promise<OrderHoldTable> {
  const ids = idsOf(owner);
  const row: OrderHoldTable = {
    order_id: orderId,
    customer_id: ids.customerId,
    browser_hash: ids.browserHash,
    address_hash: ids.addressHash,
    counted: 1,
    renewals_left: limits.renewals,
    ends_at: now + limits.holdMinutes * 60_000,
    review_since: null,
    review_noticed_at: null,
    review_escalated_at: null,
    stock_released_at: null,
    created_at: now,
  };
  await insertOrderHold(tx, row);
  return row;
}

/** The order stopped holding stock: its units and the order itself no longer count against its holders. Once. */
export async function releaseHold(tx: Tx, orderId: string, now = Date.now()): Promise<void> {
  if (!(await stopCounting(tx, orderId))) return;
  const hold = await findOrderHold(tx, orderId);
  if (!hold) return;
  const items = await orderItemsByProduct(tx, orderId);
  const steps = holdersOf(hold).flatMap((holder) => [
    { key: { holder: holder.key, productId: ORDERS_COUNTER }, n: 1 },
    ...items.map((item) => ({
      key: { holder: holder.key, productId: item.product_id },
      n: Number(item.quantity) - Number(item.cancelled_quantity),
    })),
  ]);
  for (const step of steps.sort((a, b) => lockOrder(a.key, b.key)))
    if (step.n > 0) await subtract(tx, step.key, step.n, now);
}

/** Units cancelled from a line of an order that still counts no longer count against its holders. */
export async function releaseHeldUnits(
  tx: Tx,
  orderId: string,
  productId: string,
  units: number,
  now = Date.now(),
): Promise<void> {
  if (!(await stillCounted(tx, orderId))) return;
  const hold = await findOrderHold(tx, orderId);
  if (!hold) return;
  const keys = holdersOf(hold).map((holder) => ({ holder: holder.key, productId }));
  for (const key of keys.sort(lockOrder)) await subtract(tx, key, units, now);
}

function idsOf(owner: HoldOwner): HolderIds {
  const address = owner.address ? addressKey(owner.address) : null;
  return {
    customerId: owner.customerId,
    browserHash: owner.browserToken ? sha256(owner.browserToken) : null,
    addressHash: address ? sha256(address) : null,
  };
}

function holdersOf(ids: HolderIds | OrderHoldTable): Holder[] {
  const { customerId, browserHash, addressHash } =
    'order_id' in ids
      ? { customerId: ids.customer_id, browserHash: ids.browser_hash, addressHash: ids.address_hash }
      : ids;
  const holders: Holder[] = [];
  if (customerId) holders.push({ by: 'customer', key: `customer:${customerId}` });
  if (browserHash) holders.push({ by: 'browser', key: `browser:${browserHash}` });
  if (addressHash) holders.push({ by: 'address', key: `address:${addressHash}` });
  return holders;
}

/**
 * One network is one address: an IPv4 address, or the /64 an IPv6 subscriber gets (they can use any address in
 * it). IPv4 written as IPv6 (`::ffff:1.2.3.4`) is the IPv4 address.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The one order in which every transaction takes counter rows: the primary key's (holder, then product), in which
 * a placement's single UPDATE of its counters (addAllWithin) locks them too.
 */
function lockOrder(a: CounterKey, b: CounterKey): number {
  if (a.holder !== b.holder) return a.holder < b.holder ? -1 : 1;
  if (a.productId === b.productId) return 0;
  return a.productId < b.productId ? -1 : 1;
}

/** The customer's counters first, then the browser's and the network's: the first refusal is the one to show. */
const HOLDER_RANK = ['customer:', 'browser:', 'address:'];
const rank = (holder: string) => HOLDER_RANK.findIndex((prefix) => holder.startsWith(prefix));

function refusalOrder(a: CounterKey, b: CounterKey): number {
  return rank(a.holder) - rank(b.holder) || lockOrder(a, b);
}

function refusalMessage(refusal: HoldLimitRefusal, productName: string): string {
  const { max } = refusal;
  const orders = `${max} order${max === 1 ? '' : 's'}`;
  if (refusal.kind === 'product_units')
    return (
      `${productName}: at most ${max} can wait unpaid at a time for one customer. ` +
      'Lower the quantity, or pay your other orders first.'
    );
  switch (refusal.by) {
    case 'customer':
      return `You already have ${orders} waiting for payment. Pay or cancel one of them before placing another.`;
    case 'browser':
      return `This browser already has ${orders} waiting for payment. Pay or cancel one of them before placing another.`;
    case 'address':
      return 'Too many orders from your network are waiting for payment. Pay or cancel yours, or try again in an hour.';
  }
}
