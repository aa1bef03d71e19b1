import { createHash, randomBytes } from 'node:crypto';
import { usdCentsToKhr, type Cart } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { priceWithPromotions } from '../promotions/checkout';
import { getPricing } from '../settings/pricing';
import {
  cartLines,
  cartLinesWithProducts,
  countCartLines,
  deleteCart,
  deleteCartLine,
  deleteCartLines,
  findCartIdOfGuest,
  findCartIdOfUser,
  findCartLine,
  findCartLineOfProduct,
  findProductWithStock,
  findStockLevel,
  insertCart,
  insertCartLine,
  setCartLineQuantity,
  touchCart,
} from './repo';

/**
 * Carts of signed-in customers (by account) and of guests (by a random cookie token, stored hashed); a guest cart
 * joins the customer's at sign-in. A cart holds no prices: they are read from the catalog every time.
 */
export interface CartOwner {
  userId: string | null;
  guestToken: string | null;
}

const MAX_LINES = 50;
const MAX_QUANTITY = 99;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function newGuestToken(): string {
  return randomBytes(24).toString('base64url');
}

async function findCartId(db: Db | Tx, owner: CartOwner): Promise<string | null> {
  if (owner.userId) return (await findCartIdOfUser(db, owner.userId)) ?? null;
  if (!owner.guestToken) return null;
  return (await findCartIdOfGuest(db, hashToken(owner.guestToken))) ?? null;
}

async function ensureCart(tx: Tx, owner: CartOwner): Promise<string> {
  const existing = await findCartId(tx, owner);
  if (existing) return existing;
  if (!owner.userId && !owner.guestToken) throw new Error('a guest cart needs a token');
  const now = Date.now();
  const id = newId();
  await insertCart(tx, {
    id,
    user_id: owner.userId,
    guest_token_hash: owner.userId ? null : hashToken(owner.guestToken!),
    created_at: now,
    updated_at: now,
  });
  return id;
}

/**
 * The cart priced now by the one pricing function (promotions/checkout.ts): each line at its promotion's price with
 * the catalog's struck through, the cart rules, and the coupon asked for (refused ones say why, nothing is taken).
 */
export async function getCart(
  db: Db,
  owner: CartOwner,
  couponCode?: string,
  now = Date.now(),
): Promise<Cart> {
  const pricing = await getPricing(db);
  const cartId = await findCartId(db, owner);
  if (!cartId) return emptyCart(pricing.rielPerUsd);
  const rows = await cartLinesWithProducts(db, cartId);
  const { priced } = await priceWithPromotions(db, {
    lines: rows.map((row) => ({
      productId: row.product_id,
      quantity: Number(row.quantity),
      priceCents: Number(row.price_cents),
      categoryId: row.category_id,
      brandId: row.brand_id,
    })),
    couponCode,
    channel: 'web',
    userId: owner.userId,
    now,
    rielPerUsd: pricing.rielPerUsd,
  });
  const khr = (cents: number) => usdCentsToKhr(cents, pricing.rielPerUsd);
  const lines = rows.map((row, i) => {
    const available = row.active === 1 ? Math.max(0, Number(row.on_hand) - Number(row.reserved)) : 0;
    const quantity = Number(row.quantity);
    const line = priced.lines[i]!;
    const images = JSON.parse(row.images_json) as { url: string }[];
    return {
      id: row.id,
      productId: row.product_id,
      slug: row.slug,
      sku: row.sku,
      name: row.name,
      imageUrl: images[0]?.url ?? null,
      quantity,
      unitPriceCents: line.unitPriceCents,
      originalUnitPriceCents: line.originalUnitCents,
      promotion: line.promotion && { id: line.promotion.id, name: line.promotion.name },
      lineTotal: { usdCents: line.totalCents, khr: khr(line.totalCents) },
      available,
      problem:
        row.active !== 1
          ? ('unavailable' as const)
          : available === 0
            ? ('out_of_stock' as const)
            : available < quantity
              ? ('not_enough_stock' as const)
              : null,
    };
  });
  return {
    id: cartId,
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: { usdCents: priced.subtotalCents, khr: khr(priced.subtotalCents) },
    rielPerUsd: pricing.rielPerUsd,
    canCheckout: lines.length > 0 && lines.every((line) => line.problem === null),
    promotions: {
      discounts: priced.discounts,
      originalSubtotalCents: priced.originalSubtotalCents,
      orderDiscountCents: priced.orderDiscountCents,
      goods: { usdCents: priced.goodsCents, khr: khr(priced.goodsCents) },
      savingsCents: priced.savingsCents,
      deliveryFree: priced.deliveryFree,
      coupon: priced.coupon,
    },
  };
}

/** Adds units of a product (to the line if there is one), checked against what is available now. */
export async function addToCart(
  db: Db,
  owner: CartOwner,
  productId: string,
  quantity: number,
): Promise<Cart> {
  await withRetryOnDuplicate(() =>
    inTransaction(db, async (tx) => {
      const product = await findProductWithStock(tx, productId);
      if (!product || product.active !== 1)
        throw new NotFound('This product does not exist or is no longer sold');
      const cartId = await ensureCart(tx, owner);
      const line = await findCartLineOfProduct(tx, cartId, productId);
      const wanted = (line ? Number(line.quantity) : 0) + quantity;
      checkAvailable(wanted, Number(product.on_hand) - Number(product.reserved));
      if (line) {
        await setCartLineQuantity(tx, line.id, wanted);
      } else {
        if ((await countCartLines(tx, cartId)) >= MAX_LINES)
          throw new Invalid(`A cart holds up to ${MAX_LINES} different products`);
        await insertCartLine(tx, {
          id: newId(),
          cart_id: cartId,
          product_id: productId,
          quantity: wanted,
          added_at: Date.now(),
        });
      }
      await touchCart(tx, cartId, Date.now());
    }),
  );
  return getCart(db, owner);
}

export async function setCartQuantity(
  db: Db,
  owner: CartOwner,
  lineId: string,
  quantity: number,
): Promise<Cart> {
  await inTransaction(db, async (tx) => {
    const line = await findOwnLine(tx, owner, lineId);
    const stock = await findStockLevel(tx, line.product_id);
    checkAvailable(quantity, Number(stock.on_hand) - Number(stock.reserved));
    await setCartLineQuantity(tx, lineId, quantity);
  });
  return getCart(db, owner);
}

export async function removeFromCart(db: Db, owner: CartOwner, lineId: string): Promise<Cart> {
  await inTransaction(db, async (tx) => {
    await findOwnLine(tx, owner, lineId);
    await deleteCartLine(tx, lineId);
  });
  return getCart(db, owner);
}

/** What a cart (a customer's, or a guest's by its cookie) asks for, as the lines of an order. */
export async function cartOrderLines(
  db: Db | Tx,
  owner: CartOwner,
): Promise<{ productId: string; quantity: number }[]> {
  const cartId = await findCartId(db, owner);
  const rows = cartId ? await cartLines(db, cartId) : [];
  return rows.map((r) => ({ productId: r.product_id, quantity: Number(r.quantity) }));
}

export async function clearCart(tx: Tx, owner: CartOwner): Promise<void> {
  const cartId = await findCartId(tx, owner);
  if (cartId) await deleteCartLines(tx, cartId);
}

/** At sign-in, the guest's lines join the customer's cart (quantities add up, capped), and the guest cart goes. */
export async function mergeGuestCart(db: Db, guestToken: string, userId: string): Promise<void> {
  await withRetryOnDuplicate(() =>
    inTransaction(db, async (tx) => {
      const guestCartId = await findCartId(tx, { userId: null, guestToken });
      if (!guestCartId) return;
      const guestLines = await cartLines(tx, guestCartId);
      const cartId = await ensureCart(tx, { userId, guestToken: null });
      for (const line of guestLines) {
        const existing = await findCartLineOfProduct(tx, cartId, line.product_id);
        if (existing) {
          const quantity = Math.min(MAX_QUANTITY, Number(existing.quantity) + Number(line.quantity));
          await setCartLineQuantity(tx, existing.id, quantity);
        } else {
          await insertCartLine(tx, { ...line, id: newId(), cart_id: cartId });
        }
      }
      await deleteCartLines(tx, guestCartId);
      await deleteCart(tx, guestCartId);
    }),
  );
}

async function findOwnLine(tx: Tx, owner: CartOwner, lineId: string) {
  const cartId = await findCartId(tx, owner);
  const line = cartId ? await findCartLine(tx, cartId, lineId) : undefined;
  if (!line) throw new NotFound('This line is not in your cart');
  return line;
}

function checkAvailable(wanted: number, available: number): void {
  if (wanted > MAX_QUANTITY)
    throw new Invalid(`At most ${MAX_QUANTITY} of one product per order`, {
      quantity: `at most ${MAX_QUANTITY}`,
    });
  if (wanted > available) {
    throw new Conflict(available > 0 ? `Only ${available} available` : 'This product is out of stock', {
      quantity: `at most ${Math.max(0, available)}`,
    });
  }
}

function emptyCart(rielPerUsd: number): Cart {
  return {
    id: null,
    lines: [],
    itemCount: 0,
    subtotal: { usdCents: 0, khr: 0 },
    rielPerUsd,
    canCheckout: false,
    promotions: {
      discounts: [],
      originalSubtotalCents: 0,
      orderDiscountCents: 0,
      goods: { usdCents: 0, khr: 0 },
      savingsCents: 0,
      deliveryFree: false,
      coupon: null,
    },
  };
}

/** Two first requests of one browser may both create its cart: the loser runs again and finds the winner's. */
async function withRetryOnDuplicate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return work();
  }
}
