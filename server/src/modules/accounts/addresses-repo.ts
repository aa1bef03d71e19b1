import type { Db } from '../../db/database';
import type { AddressTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of customers' saved delivery addresses (addresses.ts). */

/** A customer's addresses, the default first, then in the order they were added. */
export function listAddressRows(db: Db | Tx, userId: string) {
  return db
    .selectFrom('addresses')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .execute();
}

/** One address of this customer; another customer's is not found. */
export function findOwnAddress(tx: Tx, userId: string, id: string) {
  return tx
    .selectFrom('addresses')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The customer's oldest address, if any is left. */
export async function findOldestAddressId(tx: Tx, userId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('addresses')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function insertAddress(tx: Tx, row: AddressTable): Promise<void> {
  await tx.insertInto('addresses').values(row).execute();
}

export async function updateAddressRow(tx: Tx, id: string, changes: Omit<AddressTable, 'id'>): Promise<void> {
  await tx.updateTable('addresses').set(changes).where('id', '=', id).execute();
}

export async function deleteAddressRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('addresses').where('id', '=', id).execute();
}

export async function makeDefaultAddress(tx: Tx, id: string): Promise<void> {
  await tx.updateTable('addresses').set({ is_default: 1 }).where('id', '=', id).execute();
}

/** No address of the customer is the default any more (until the caller makes one so). */
export async function clearDefaultAddress(tx: Tx, userId: string): Promise<void> {
  await tx
    .updateTable('addresses')
    .set({ is_default: 0 })
    .where('user_id', '=', userId)
    .where('is_default', '=', 1)
    .execute();
}
