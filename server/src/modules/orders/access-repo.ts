import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';

/** The SQL of the keys to guest orders' pages (access.ts). */
export async function insertAccessToken(
  tx: Tx,
  row: { token_hash: string; order_id: string; created_at: number },
) {
  await tx.insertInto('order_access_tokens').values(row).execute();
}

export async function accessTokenOpens(db: Db | Tx, tokenHash: string, orderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('order_access_tokens')
    .select('order_id')
    .where('token_hash', '=', tokenHash)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A guest order becomes the account's; false when it belongs to someone already. */
export async function giveOrderTo(tx: Tx, orderId: string, userId: string, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('orders')
    .set({ user_id: userId, updated_at: now })
    .where('id', '=', orderId)
    .where('user_id', 'is', null)
    .where('channel', '=', 'web')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
