import type { CouponRefusal, Currency, Role } from '@shop/shared';
import type { ProductHit } from '../catalog/lookup';
import { PosError } from '../errors';
import { refuse } from '../refusals';

/**
 * The cart at the counter: plain data, changed only through these functions (each returns a new cart), so it can be
 * held in the database, recalled, and shown by any screen as it is.
 */
export interface CartLine {
  productId: string;
  name: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  /** The discount the cashier gave on this line (USD cents); a promotion's is `promotion`, apart from it. */
  discountCents: number;
  /**
   * What a promotion takes off this line as the shop's rules price it (pos/promotions.ts sets it whenever the sale
   * changes): its name for the screen and the receipt, and the cents. Absent: no promotion applies.
   */
  promotion?: LinePromotion;
  serialized: boolean;
  /** One per unit for a serialized product. */
  serials: string[];
}

export interface LinePromotion {
  /** The promotion's id, as the server knows it. */
  id: string;
  name: string;
  cents: number;
}

/** A promotion or coupon taken off the whole sale (a cart rule, a coupon), by name. */
export interface SalePromotion {
  /** The promotion's or coupon's id, as the server knows it. */
  id: string;
  name: string;
  cents: number;
  /** The coupon's code when this is the coupon's discount. */
  couponCode?: string;
  /** A free item or free delivery: named on the screen and the receipt, nothing taken off here. */
  kind?: 'discount' | 'free_item' | 'free_delivery';
}

export interface CartPayment {
  method: 'cash' | 'khqr';
  currency: Currency;
  /** What this payment settled, in its currency's minor units. */
  amount: number;
  /** Cash handed over. */
  tendered?: number;
  /** Change given back, in `changeCurrency` (the customer may take dollars' change in riel). */
  change: number;
  changeCurrency: Currency;
  /** The USD cents of the sale this payment covers. */
  coversCents: number;
  /** Riel added or taken off to reach a 100-riel step (its own receipt line). */
  roundingRiel: number;
  staffConfirmed: boolean;
  /** A dynamic KHQR the server made and watches (online); it counts toward the sale only once the server says paid. */
  online?: OnlineKhqr;
}

export interface OnlineKhqr {
  /** The request's id (a ULID made here) on the server. */
  id: string;
  md5: string;
  khqr: string;
  expiresAt: number;
  status: 'pending' | 'paid';
}

/** Whether the payment is a dynamic KHQR still waiting for the customer's money. */
export const isPendingKhqr = (payment: CartPayment): boolean => payment.online?.status === 'pending';

export interface Cart {
  lines: CartLine[];
  /** null: a walk-in customer. */
  customerId: string | null;
  /** Taken off the whole sale by the cashier, USD cents (promotions are in `promotions`). */
  discountCents: number;
  /** The promotions and coupon taken off the whole sale, as pos/promotions.ts priced it last. */
  promotions?: SalePromotion[];
  /** The coupon code the customer gave; whether it applies is in `promotions` or `couponRefusal`. */
  couponCode?: string | null;
  /** Why the coupon does not apply (unknown, expired, minimum not met, used up, not at the counter). */
  couponRefusal?: CouponRefusal | null;
  payments: CartPayment[];
  /** The admin whose PIN approved discounts over the cashier's limit on this sale (approveDiscount), if any. */
  discountApprovedBy?: string;
}

export const emptyCart = (): Cart => ({ lines: [], customerId: null, discountCents: 0, payments: [] });

export interface CartTotals {
  /** Before any discount. */
  grossCents: number;
  /** Promotions taken off lines and off the whole sale. */
  promotionCents: number;
  /** After line discounts (the cashier's and the promotions'). */
  subtotalCents: number;
  totalCents: number;
  paidCents: number;
  dueCents: number;
  roundingRiel: number;
}

export function cartTotals(cart: Cart): CartTotals {
  let grossCents = 0;
  let lineDiscounts = 0;
  let linePromotions = 0;
  for (const line of cart.lines) {
    grossCents += line.unitPriceCents * line.quantity;
    lineDiscounts += line.discountCents;
    linePromotions += line.promotion?.cents ?? 0;
  }
  const salePromotions = (cart.promotions ?? []).reduce((sum, p) => sum + p.cents, 0);
  const subtotalCents = grossCents - linePromotions - lineDiscounts;
  const totalCents = subtotalCents - salePromotions - cart.discountCents;
  const counted = cart.payments.filter((payment) => !isPendingKhqr(payment));
  const paidCents = counted.reduce((sum, payment) => sum + payment.coversCents, 0);
  const roundingRiel = counted.reduce((sum, payment) => sum + payment.roundingRiel, 0);
  return {
    grossCents,
    promotionCents: linePromotions + salePromotions,
    subtotalCents,
    totalCents,
    paidCents,
    dueCents: totalCents - paidCents,
    roundingRiel,
  };
}

function assertUnpaid(cart: Cart): void {
  if (cart.payments.length > 0) throw refuse('conflict', 'paymentsTaken');
}

function wholeNumber(value: number, what: string, min: number, max = 1_000_000_000_000): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new PosError(
      'invalid',
      `${what} must be a whole number from ${min} to ${max.toLocaleString('en')}`,
    );
}

export function addLine(cart: Cart, product: ProductHit, quantity = 1): Cart {
  assertUnpaid(cart);
  wholeNumber(quantity, 'the quantity', 1, 10_000);
  if (!product.active) throw refuse('invalid', 'productRetired', { name: product.name });
  const existing = cart.lines.find((line) => line.productId === product.id);
  if (existing) return setQuantity(cart, product.id, existing.quantity + quantity);
  const line: CartLine = {
    productId: product.id,
    name: product.name,
    sku: product.sku,
    quantity,
    unitPriceCents: product.unitPriceCents,
    discountCents: 0,
    serialized: product.serialized,
    serials: [],
  };
  return { ...cart, lines: [...cart.lines, line] };
}

function changeLine(cart: Cart, productId: string, change: (line: CartLine) => CartLine | null): Cart {
  assertUnpaid(cart);
  if (!cart.lines.some((line) => line.productId === productId))
    throw new PosError('not_found', 'that product is not in the sale');
  const lines = cart.lines.flatMap((line) => {
    if (line.productId !== productId) return [line];
    const changed = change(line);
    return changed ? [changed] : [];
  });
  return { ...cart, lines };
}

/** Quantity 0 removes the line. A serialized line keeps only as many serials as units. */
export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  wholeNumber(quantity, 'the quantity', 0, 10_000);
  return changeLine(cart, productId, (line) =>
    quantity === 0
      ? null
      : {
          ...line,
          quantity,
          serials: line.serials.slice(0, quantity),
          discountCents: Math.min(line.discountCents, line.unitPriceCents * quantity),
          // Priced again by the promotions with the new quantity (pos/promotions.ts).
          promotion: undefined,
        },
  );
}

export function setLineDiscount(
  cart: Cart,
  productId: string,
  discountCents: number,
  role: Role,
  limitPercent: number,
): Cart {
  wholeNumber(discountCents, 'the discount', 0);
  const next = changeLine(cart, productId, (line) => {
    const left = line.unitPriceCents * line.quantity - (line.promotion?.cents ?? 0);
    if (discountCents > left) throw refuse('invalid', 'discountOverLine');
    return { ...line, discountCents };
  });
  assertDiscountWithinLimit(next, role, limitPercent);
  return next;
}

export function setSaleDiscount(cart: Cart, discountCents: number, role: Role, limitPercent: number): Cart {
  assertUnpaid(cart);
  wholeNumber(discountCents, 'the discount', 0);
  const next = { ...cart, discountCents };
  if (cartTotals(next).totalCents < 0) throw refuse('invalid', 'discountOverSale');
  assertDiscountWithinLimit(next, role, limitPercent);
  return next;
}

/** All discounts the cashier gave on a sale together stay within what the role may give (the shop's promotions are not theirs). */
export function assertDiscountWithinLimit(cart: Cart, role: Role, limitPercent: number): void {
  const totals = cartTotals(cart);
  const discount = totals.grossCents - totals.promotionCents - totals.totalCents;
  if (discount * 100 > totals.grossCents * limitPercent)
    throw refuse('over_limit', 'discountOverLimit', { role, percent: limitPercent });
}

export function setSerials(cart: Cart, productId: string, serials: string[]): Cart {
  const cleaned = serials.map((serial) => serial.trim());
  if (cleaned.some((serial) => serial.length === 0 || serial.length > 100))
    throw new PosError('invalid', 'a serial number has 1 to 100 characters');
  if (new Set(cleaned).size !== cleaned.length) throw new PosError('invalid', 'the same serial number twice');
  return changeLine(cart, productId, (line) => {
    if (!line.serialized) throw new PosError('invalid', `${line.name} has no serial numbers`);
    if (cleaned.length > line.quantity)
      throw new PosError(
        'invalid',
        `${line.quantity} unit(s) of ${line.name}: at most ${line.quantity} serials`,
      );
    return { ...line, serials: cleaned };
  });
}

export function chooseCustomer(cart: Cart, customerId: string | null): Cart {
  return { ...cart, customerId };
}

/** The coupon code the customer gives (null or blank: none); pos/promotions.ts says whether it applies. */
export function setCoupon(cart: Cart, code: string | null): Cart {
  assertUnpaid(cart);
  const cleaned = code?.trim() ?? '';
  if (cleaned.length > 40) throw new PosError('invalid', 'a coupon code has at most 40 characters');
  return { ...cart, couponCode: cleaned === '' ? null : cleaned.toUpperCase(), couponRefusal: null };
}

/** What is still missing before the sale can be committed, in words for the cashier; empty when ready. */
export function whatIsMissing(cart: Cart): string[] {
  const missing: string[] = [];
  if (cart.lines.length === 0) missing.push('the sale has no items');
  for (const line of cart.lines)
    if (line.serialized && line.serials.length !== line.quantity)
      missing.push(`${line.name}: scan ${line.quantity - line.serials.length} more serial number(s)`);
  const totals = cartTotals(cart);
  if (cart.payments.some(isPendingKhqr)) missing.push('the KHQR is not paid yet');
  else if (totals.dueCents > 0) missing.push('the sale is not fully paid');
  return missing;
}
