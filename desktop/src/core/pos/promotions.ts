import {
  normalizeCouponCode,
  priceCart,
  type CartLineInput,
  type CouponRule,
  type PricedCart,
  type PromotionRule,
} from '@shop/shared';
import type { LocalDb } from '../local-db/open';
import type { Cart, SalePromotion } from './cart';

/**
 * The counter prices every sale with the shop's promotions and coupons as it last pulled them, through the same
 * `priceCart` the server's checkout runs (shared/src/promotions.ts), so an offline counter charges what the server
 * would have. The cashier's own discounts come after the shop's promotions: on what is left of a line, and of the sale.
 *
 * A coupon's uses are the server's to count: the counter prices it as unused (it cannot know offline); a sale that
 * went over a coupon's limit is still the customer's price, and the server flags it for staff.
 */
export function promotionPricer(db: LocalDb) {
  const rules = db.prepare('SELECT rule FROM promotions').pluck();
  const coupon = db.prepare('SELECT rule FROM coupons WHERE code = ?').pluck();
  const product = db.prepare(
    'SELECT category_id AS categoryId, brand_id AS brandId FROM products WHERE id = ?',
  );
  // The product's category, then its parents up the tree (a category's promotion covers the categories under it).
  const categoryPath = db
    .prepare(
      `WITH RECURSIVE up (id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM categories WHERE id = ?
         UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id
         WHERE up.depth < 20)
       SELECT id FROM up ORDER BY depth`,
    )
    .pluck();

  const lineInput = (line: Cart['lines'][number]): CartLineInput => {
    const row = product.get(line.productId) as
      { categoryId: string | null; brandId: string | null } | undefined;
    // A category not pulled (yet) still counts as the product's own.
    const categoryIds = row?.categoryId ? (categoryPath.all(row.categoryId) as string[]) : [];
    if (row?.categoryId && categoryIds.length === 0) categoryIds.push(row.categoryId);
    return {
      productId: line.productId,
      quantity: line.quantity,
      priceCents: line.unitPriceCents,
      categoryIds,
      brandId: row?.brandId ?? null,
    };
  };

  /** What `priceCart` makes of the cart now, with the rules and coupon this counter holds. */
  function price(cart: Cart, now: number, rielPerUsd: number): PricedCart {
    const code = cart.couponCode ?? null;
    const couponRule = code ? (coupon.get(normalizeCouponCode(code)) as string | undefined) : undefined;
    return priceCart({
      lines: cart.lines.map(lineInput),
      rules: (rules.all() as string[]).map((rule) => JSON.parse(rule) as PromotionRule),
      coupon: code
        ? {
            code,
            rule: couponRule ? (JSON.parse(couponRule) as CouponRule) : null,
            uses: 0,
            customerUses: 0,
          }
        : null,
      channel: 'pos',
      now,
      rielPerUsd,
      knownCustomer: cart.customerId !== null,
      delivery: null,
    });
  }

  /**
   * The cart with its promotions as they stand now. A cart with payments taken keeps the prices they were taken
   * for: its lines cannot change any more, and the customer pays what the screen said.
   */
  function reprice(cart: Cart, now: number, rielPerUsd: number): Cart {
    if (cart.payments.length > 0) return cart;
    const priced = price(cart, now, rielPerUsd);
    const lines = cart.lines.map((line, i) => {
      const pricedLine = priced.lines[i]!;
      const promotionCents = pricedLine.lineDiscountCents;
      const left = line.unitPriceCents * line.quantity - promotionCents;
      return {
        ...line,
        promotion:
          pricedLine.promotion && promotionCents > 0
            ? { id: pricedLine.promotion.id, name: pricedLine.promotion.name, cents: promotionCents }
            : undefined,
        discountCents: Math.min(line.discountCents, left),
      };
    });
    const promotions: SalePromotion[] = priced.discounts
      .filter((d) => d.level === 'cart')
      .map((d): SalePromotion => ({
        id: d.id,
        name: d.name,
        cents: d.amountCents,
        kind: d.kind === 'free_item' ? 'free_item' : 'discount',
        ...(d.source === 'coupon' && priced.coupon && { couponCode: priced.coupon.code }),
      }));
    const refusal = priced.coupon?.status === 'refused' ? priced.coupon.reason : null;
    const next: Cart = { ...cart, lines, promotions, couponRefusal: refusal };
    // The cashier's sale discount never takes the sale below nothing once the promotions took their part.
    const goods = priced.goodsCents - lines.reduce((sum, line) => sum + line.discountCents, 0);
    return { ...next, discountCents: Math.max(0, Math.min(cart.discountCents, goods)) };
  }

  return { price, reprice };
}

export type PromotionPricer = ReturnType<typeof promotionPricer>;
