import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { Conflict } from '../../http/errors';
import { findIdempotencyKey, findOrderRow, insertIdempotencyKey } from './repo';

/**
 * The web shop's Idempotency-Key: a retried request with the same key answers the order the first one made; the
 * same key with another request is refused. Keys are per customer, stored hashed, remembered in the placing
 * transaction (so a key exists exactly when its order does).
 */
export interface OrderKey {
  keyHash: string;
  requestHash: string;
}

export function orderKey(
  customerId: string,
  idempotencyKey: string | null,
  request: unknown,
): OrderKey | null {
  if (!idempotencyKey) return null;
  return { keyHash: sha256(`${customerId}:${idempotencyKey}`), requestHash: sha256(JSON.stringify(request)) };
}

/** The order an earlier request with this key made, if any. */
export async function replay(db: Db, key: OrderKey): Promise<OrderTable | null> {
  const earlier = await findIdempotencyKey(db, key.keyHash);
  if (!earlier) return null;
  if (earlier.request_hash !== key.requestHash)
    throw new Conflict('This Idempotency-Key was used for a different order');
  return (await findOrderRow(db, earlier.order_id)) ?? null;
}

export async function rememberKey(tx: Tx, key: OrderKey, orderId: string, now: number): Promise<void> {
  await insertIdempotencyKey(tx, {
    key_hash: key.keyHash,
    request_hash: key.requestHash,
    order_id: orderId,
    created_at: now,
  });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
