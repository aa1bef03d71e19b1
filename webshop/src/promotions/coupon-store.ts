import { storedList } from '../storage/stored-list';

/**
 * The coupon code the customer applied, kept in this browser until the order is placed (the cart and the checkout
 * both price with it: GET /cart?coupon=). The server checks it again when the order is placed.
 */
const stored = storedList<string>('shop.coupon', (saved) =>
  saved.filter((code): code is string => typeof code === 'string' && code.length <= 32).slice(0, 1),
);

export const couponStore = {
  get: (): string | null => stored.get()[0] ?? null,
  set: (code: string | null) => stored.set(code ? [code] : []),
};

/** The applied coupon code, or null. */
export function useCouponCode(): string | null {
  return stored.useList()[0] ?? null;
}

/** What a coupon code looks like (couponCodeSchema, without zod on these pages). */
export function looksLikeCouponCode(code: string): boolean {
  return /^[A-Za-z0-9_-]{3,32}$/.test(code);
}
