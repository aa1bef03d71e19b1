import {
  addShopDays,
  normalizeCouponCode,
  priceCart,
  shopDayOf,
  shopDayStart,
  type ChangesPage,
  type CouponRule,
  type PromotionRule,
  type SaleItem,
} from '@shop/shared';
import {
  caseCatalog,
  caseRielPerUsd,
  caseRuleInput,
  pricingCases,
  type CaseCategory,
  type CaseIds,
  type CaseProduct,
  type PricingCase,
} from '@shop/shared/promotion-cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPosCore } from '../core';
import {
  cashierSignedIn,
  feedTransport,
  page,
  product,
  staffMember,
  tempDirs,
} from '../test-support/fixtures';
import type { SyncTransport } from '../sync/transport';
import { notRegistered, setting, shopIdentity } from '../test-support/receipt-counter';
import { writeState } from '../local-db/state';

/**
 * The counter prices a sale with the promotions and coupons it pulled, through the shared priceCart, with the
 * server out of reach: the table of cases the server's checkout runs (shared/src/promotion-cases.ts) gives the
 * counter the same totals and the same named discounts as priceCart itself, and the sale it queues for the server
 * carries them as the sync contract has them.
 */
const newDir = tempDirs();

// 10:00 at the shop on 15 January 2027, as the shared unit test prices.
const NOW = shopDayStart('2027-01-15') + 10 * 3_600_000;
const day = (offset: number) => addShopDays(shopDayOf(NOW), offset);
const ids: CaseIds = { product: (k) => k, category: (k) => k, brand: (k) => k };

function rulesOf(c: PricingCase): PromotionRule[] {
  return c.rules.map((rule, i) => ({
    ...caseRuleInput(rule, ids, day),
    id: `rule-${i}`,
    paused: rule.paused ?? false,
  }));
}

function couponOf(c: PricingCase): CouponRule | null {
  if (!c.coupon) return null;
  const { coupon } = c;
  return {
    id: `coupon-${coupon.code}`,
    code: normalizeCouponCode(coupon.code),
    name: coupon.name,
    percent: coupon.percent,
    amountCents: coupon.amountCents,
    minTotalCents: coupon.minTotalCents,
    maxUses: null,
    maxUsesPerCustomer: null,
    channels: coupon.channels,
    startsOn: coupon.startsOn == null ? null : day(coupon.startsOn),
    endsOn: coupon.endsOn == null ? null : day(coupon.endsOn),
    paused: false,
  };
}

function categoryIds(key: CaseCategory): string[] {
  const chain: string[] = [];
  for (let at: CaseCategory | null = key; at; at = caseCatalog.categories[at].parent) chain.push(at);
  return chain;
}

/** The case's rules and coupon as the change feed brings them, after deleting the previous case's. */
function rulesPage(seq: number, c: PricingCase, before: PricingCase | null): ChangesPage {
  const gone = before
    ? [
        ...rulesOf(before).map((rule) => ({
          entity: 'promotion' as const,
          id: rule.id,
          data: null,
          operation: 'delete' as const,
        })),
        ...(couponOf(before)
          ? [
              {
                entity: 'coupon' as const,
                id: couponOf(before)!.id,
                data: null,
                operation: 'delete' as const,
              },
            ]
          : []),
      ]
    : [];
  return page(seq, [
    ...gone,
    ...rulesOf(c).map((rule) => ({ entity: 'promotion' as const, id: rule.id, data: rule })),
    ...(couponOf(c) ? [{ entity: 'coupon' as const, id: couponOf(c)!.id, data: couponOf(c) }] : []),
  ]);
}

/**
 * A counter that pulled the cases' catalog, then, for each case, its rules and coupon: between pulls the server is
 * out of reach, and the sale is priced offline.
 */
async function offlineCounter() {
  const catalog = [
    ...Object.entries(caseCatalog.categories).map(([id, cat]) => ({
      entity: 'category' as const,
      id,
      data: { id, name: cat.name, nameKm: null, parentId: cat.parent },
    })),
    ...Object.entries(caseCatalog.brands).map(([id, name]) => ({
      entity: 'brand' as const,
      id,
      data: { id, name },
    })),
    ...Object.entries(caseCatalog.products).map(([id, p]) => ({
      entity: 'product' as const,
      id,
      data: product(id, { name: p.name, priceCents: p.priceCents, categoryId: p.category, brandId: p.brand }),
    })),
    {
      entity: 'customer' as const,
      id: 'u1',
      data: { id: 'u1', name: 'Dara', phone: '012345678', email: null },
    },
    { entity: 'staff' as const, id: 's1', data: staffMember('s1', { role: 'admin' }) },
    setting('orders.pricing', {
      rielPerUsd: caseRielPerUsd,
      deliveryFeeCents: 0,
      freeDeliveryFromCents: null,
    }),
    setting('shop.identity', shopIdentity),
    setting('invoice.vat', notRegistered),
  ];
  const feed = feedTransport([page(1, catalog)]);
  let online = true;
  const offline = () => Promise.reject(new Error('the shop server cannot be reached'));
  const transport: SyncTransport = {
    pull: (after, limit) => (online ? feed.transport.pull(after, limit) : offline()),
    push: (body) => (online ? feed.transport.push(body) : offline()),
  };
  const core = createPosCore({ dataDir: newDir(), transport, now: () => NOW });
  writeState(core.db, 'deviceName', 'Counter 1');
  await core.pullNow();
  online = false;
  await cashierSignedIn(core, 's1');
  let seq = 1_000;
  let before: PricingCase | null = null;
  /** Pulls the case's rules (deleting the last case's), then goes offline again with an empty sale. */
  const pullCase = async (c: PricingCase) => {
    feed.pages.push(rulesPage((seq += 100), c, before));
    before = c;
    online = true;
    await core.pullNow();
    online = false;
    await core.commands.clearSale();
  };
  return { core, c: core.commands, db: core.db, pullCase };
}

describe('the counter prices a sale with the promotions it pulled, offline, as priceCart does', () => {
  let counter: Awaited<ReturnType<typeof offlineCounter>>;
  beforeAll(async () => {
    counter = await offlineCounter();
  });
  afterAll(() => counter?.core.close());

  it.each(pricingCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await counter.pullCase(c);
    const { c: commands } = counter;
    for (const line of c.lines) await commands.addLine({ productId: line.product, quantity: line.quantity });
    await commands.chooseCustomer({ customerId: 'u1' });
    if (c.coupon) await commands.setCoupon({ code: c.coupon.code.toLowerCase() });
    const view = await commands.sale();

    const expected = priceCart({
      lines: c.lines.map(({ product: key, quantity }) => lineOf(key, quantity)),
      rules: rulesOf(c),
      coupon: c.coupon ? { code: c.coupon.code, rule: couponOf(c), uses: 0, customerUses: 0 } : null,
      channel: 'pos',
      now: NOW,
      rielPerUsd: caseRielPerUsd,
      knownCustomer: true,
    });
    expect(view.totals.totalCents).toBe(expected.totalCents);
    expect(view.totals.promotionCents).toBe(expected.savingsCents);
    const named = [
      ...view.cart.lines.flatMap((l) => (l.promotion ? [[l.promotion.name, l.promotion.cents]] : [])),
      ...(view.cart.promotions ?? []).map((p) => [p.name, p.cents]),
    ];
    expect(named).toEqual(
      expected.discounts.flatMap((d) =>
        d.level === 'line'
          ? expected.lines
              .filter((l) => l.promotion?.id === d.id && l.lineDiscountCents > 0)
              .map((l) => [d.name, l.lineDiscountCents])
          : [[d.name, d.amountCents]],
      ),
    );
    const refusal = expected.coupon?.status === 'refused' ? expected.coupon.reason : null;
    expect(view.cart.couponRefusal ?? null).toBe(refusal);
    // The counter's own cases are the server's too: the same totals as the table says.
    if (c.channel === 'pos') expect(view.totals.totalCents).toBe(c.expect.totalCents);
  });

  it('queues the sale with the promotion in the unit price, the cart discounts and coupon named, and prints them', async () => {
    const c = pricingCases.find((x) => x.name === 'the coupon comes last, on what promotions left')!;
    await counter.pullCase(c);
    const { c: commands, db } = counter;
    await commands.addLine({ productId: 'cpu' });
    await commands.setCoupon({ code: 'tet10' });
    const paid = await commands.pay({ method: 'cash', currency: 'USD', tendered: 300_00 });
    expect(paid.totals.totalCents).toBe(c.expect.totalCents);
    // Paid: the coupon can no longer be changed, the prices stay those the customer paid.
    await expect(commands.setCoupon({ code: null })).rejects.toThrow();
    const sale = await commands.commitSale();
    const item = JSON.parse(
      db.prepare('SELECT item FROM outbox WHERE id = ?').pluck().get(sale.id) as string,
    ) as SaleItem;
    expect(item).toMatchObject({
      lines: [{ productId: 'cpu', quantity: 1, unitPriceCents: 32_050 - 3_205 }],
      discountCents: 2_885,
      couponCode: 'TET10',
      discounts: [
        { source: 'promotion', id: 'rule-0', level: 'line', amountCents: 3_205 },
        { source: 'coupon', id: 'coupon-TET10', level: 'cart', amountCents: 2_885 },
      ],
    });
    expect(item.lines[0]!.discountCents).toBeUndefined();
    const slip = await commands.receiptDocument({
      receiptNumber: sale.receiptNumber,
      format: 'slip80',
      as: 'html',
    });
    const html = 'html' in slip ? slip.html : '';
    // Each discount by name: the line's promotion under the line, the coupon among the totals.
    expect(html).toContain('AMD 10%');
    expect(html).toContain('Tet 10%');
    expect(html).toContain('-$28.85');
  });
});

function lineOf(key: CaseProduct, quantity: number) {
  const p = caseCatalog.products[key];
  return {
    productId: key,
    quantity,
    priceCents: p.priceCents,
    categoryIds: categoryIds(p.category),
    brandId: p.brand,
  };
}
