import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { NotFound, RateLimited } from '../../http/errors';
import type { SignedInUser } from '../accounts/sessions';
import { limits, releaseSlot, takeSlot } from '../accounts/rate-limit';
import { accessTokenOpens, insertAccessToken } from './access-repo';
import { findOrderRow } from './repo';

/**
 * Who may open an order: its customer (or staff), signed in; or whoever holds a token of a guest order's link.
 * A token is 32 random bytes, kept only as its SHA-256, and opens the one order it was made for. Everything that
 * does not open an order answers the same 404, so order ids and tokens reveal nothing; wrong tokens are counted per
 * network address (429 past the limit), while right ones give their count back, so a pay page polling is never
 * refused.
 */
export type OrderViewer =
  { kind: 'user'; user: SignedInUser } | { kind: 'guest'; token: string; ip: string | null };

export const notFound = () => new NotFound('There is no such order');

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A guest order is a web order nobody's account holds. */
export const isGuestOrder = (order: Pick<OrderTable, 'channel' | 'user_id'>) =>
  order.channel === 'web' && order.user_id === null;

/** A new key to a guest order's page, recorded (hashed) in the transaction that hands it out. */
export async function issueAccessToken(tx: Tx, orderId: string, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertAccessToken(tx, { token_hash: sha256(token), order_id: orderId, created_at: now });
  return token;
}

/** The order the viewer may open, or 404. */
export async function openOrder(db: Db | Tx, orderId: string, viewer: OrderViewer): Promise<OrderTable> {
  if (viewer.kind === 'user') {
    const order = await findOrderRow(db, orderId);
    // Another customer's order is "not found": order ids reveal nothing.
    if (!order || (viewer.user.role === 'customer' && order.user_id !== viewer.user.id)) throw notFound();
    return order;
  }
  await checkAccessToken(db, orderId, viewer);
  const order = await findOrderRow(db, orderId);
  if (!order) throw notFound();
  return order;
}

/** Throws 404 unless the token opens this order; 429 after too many wrong tokens from one network. */
export async function checkAccessToken(
  db: Db | Tx,
  orderId: string,
  viewer: { token: string; ip: string | null },
): Promise<void> {
  const slot = await takeSlot(db, limits.orderTokenPerIp(viewer.ip ?? 'unknown'));
  if (!slot.taken) throw new RateLimited(slot.retryAfterSeconds);
  if (!(await accessTokenOpens(db, sha256(viewer.token), orderId))) throw notFound();
  await releaseSlot(db, slot);
}

/** How the API shows the order to this viewer. */
export const viewerKind = (viewer: OrderViewer) =>
  viewer.kind === 'user' && viewer.user.role !== 'customer' ? 'staff' : 'customer';
