import type { Db } from '../../db/database';
import type { CartItemTable, CartTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of carts: carts by account or by hashed guest token, their lines, and what the catalog says of them. */

export async function findCartIdOfUser(db: Db | Tx, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('carts').select('id').where('user_id', '=', userId).executeTakeFirst();
  return row?.id;
}

export async function findCartIdOfGuest(db: Db | Tx, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('carts')
    .select('id')
    .where('guest_token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.id;
}

export async function insertCart(tx: Tx, row: CartTable): Promise<void> {
  await tx.insertInto('carts').values(row).execute();
}

export async function touchCart(tx: Tx, cartId: string, now: number): Promise<void> {
  await tx.updateTable('carts').set({ updated_at: now }).where('id', '=', cartId).execute();
}

export async function deleteCart(tx: Tx, cartId: string): Promise<void> {
  await tx.deleteFrom('carts').where('id', '=', cartId).execute();
}

/** A cart's lines with the product and stock as they are now, in the order they were added. */
export async function cartLinesWithProducts(db: Db | Tx, cartId: string) {
  return db
    .selectFrom('cart_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .innerJoin('stock_levels as s', 's.product_id', 'p.id')
    .select([
      'i.id',
      'i.product_id',
      'i.quantity',
      'p.slug',
      'p.sku',
      'p.name',
      'p.images_json',
      'p.price_cents',
      'p.category_id',
      'p.brand_id',
      'p.active',
      's.on_hand',
      's.reserved',
    ])
    .where('i.cart_id', '=', cartId)
    .orderBy('i.added_at')
    .orderBy('i.id')
    .execute();
}

/** A product with its stock, for adding it to a cart. */
export async function findProductWithStock(tx: Tx, productId: string) {
  return tx
    .selectFrom('products as p')
    .innerJoin('stock_levels as s', 's.product_id', 'p.id')
    .select(['p.id', 'p.active', 's.on_hand', 's.reserved'])
    .where('p.id', '=', productId)
    .executeTakeFirst();
}

export async function findStockLevel(tx: Tx, productId: string) {
  return tx
    .selectFrom('stock_levels')
    .select(['on_hand', 'reserved'])
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
}

export async function findCartLineOfProduct(tx: Tx, cartId: string, productId: string) {
  return tx
    .selectFrom('cart_items')
    .select(['id', 'quantity'])
    .where('cart_id', '=', cartId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
}

export async function findCartLine(tx: Tx, cartId: string, lineId: string) {
  return tx
    .selectFrom('cart_items')
    .select(['id', 'product_id'])
    .where('id', '=', lineId)
    .where('cart_id', '=', cartId)
    .executeTakeFirst();
}

export async function cartLines(db: Db | Tx, cartId: string): Promise<CartItemTable[]> {
  return db.selectFrom('cart_items').selectAll().where('cart_id', '=', cartId).execute();
}

export async function countCartLines(tx: Tx, cartId: string): Promise<number> {
  const { n } = await tx
    .selectFrom('cart_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cart_id', '=', cartId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertCartLine(tx: Tx, row: CartItemTable): Promise<void> {
  await tx.insertInto('cart_items').values(row).execute();
}

export async function setCartLineQuantity(tx: Tx, lineId: string, quantity: number): Promise<void> {
  await tx.updateTable('cart_items').set({ quantity }).where('id', '=', lineId).execute();
}

export async function deleteCartLine(tx: Tx, lineId: string): Promise<void> {
  await tx.deleteFrom('cart_items').where('id', '=', lineId).execute();
}

export async function deleteCartLines(tx: Tx, cartId: string): Promise<void> {
  await tx.deleteFrom('cart_items').where('cart_id', '=', cartId).execute();
}
