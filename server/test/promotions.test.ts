import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import {
  addShopDays,
  caseCatalog,
  caseRuleInput,
  formatUsd,
  normalizeCouponCode,
  priceCart,
  pricingCases,
  shopDayOf,
  syncContractVersion,
  type ApiError,
  type CaseIds,
  type CouponRule,
  type PricingCase,
  type PricingChannel,
  type PromotionRule,
  type PushItem,
  type ShopClient,
  type SyncCategory,
  type SyncProduct,
} from '@shop/shared';
import { HOLD_LIMITS_KEY } from '../src/modules/orders/hold-limits';
import { aCustomer, checkPaymentsNow, failure, useTestShopWithCounters } from './factory';

/**
 * Promotions and coupons through the real routes (issue 17, docs/decisions/0017-one-pricing-function.md): the
 * back office's rules and who may write them, the one table of pricing cases run through the web checkout and
 * through a counter that pulled the rules and priced with the same function, coupon limits under a race, and a
 * counter sale charged below the server's prices applied and flagged.
 */
const {
  shop,
  counters: [counter],
} = useTestShopWithCounters(['Promo counter'], {
  seed: 'none',
  // Many unpaid web orders from one loopback address.
  settings: {
    [HOLD_LIMITS_KEY]: {
      unpaidOrders: 1_000,
      addressUnpaidOrders: 1_000,
      unitsPerProduct: 1_000,
      addressUnitsPerProduct: 1_000,
      stockSharePercent: 100,
    },
  },
});

const found = {
  categories: new Map<string, string>(),
  brands: new Map<string, string>(),
  products: new Map<string, string>(),
};
const ids: CaseIds = {
  product: (k) => found.products.get(k)!,
  category: (k) => found.categories.get(k)!,
  brand: (k) => found.brands.get(k)!,
};
const today = () => shopDayOf(Date.now());
const day = (offset: number) => addShopDays(today(), offset);

beforeAll(async () => {
  const kinds = { parts: 'accessory', gpus: 'gpu', cpus: 'cpu' } as const;
  for (const [key, c] of Object.entries(caseCatalog.categories)) {
    const created = await shop.admin.createCategory({
      body: {
        slug: `case-${key}`,
        name: c.name,
        nameKm: c.name,
        specKind: kinds[key as keyof typeof kinds],
        parentId: c.parent ? found.categories.get(c.parent)! : null,
      },
    });
    found.categories.set(key, created.id);
  }
  for (const [key, name] of Object.entries(caseCatalog.brands))
    found.brands.set(key, (await shop.admin.createBrand({ body: { name } })).id);
  for (const [key, p] of Object.entries(caseCatalog.products)) {
    const created = await shop.admin.createProduct({
      body: {
        sku: `CASE-${key.toUpperCase()}`,
        name: p.name,
        priceCents: p.priceCents,
        categoryId: found.categories.get(p.category)!,
        brandId: found.brands.get(p.brand)!,
      },
    });
    found.products.set(key, created.id);
    await shop.staff.recordStockMovement({
      body: { productId: created.id, type: 'receive', quantity: 5_000 },
    });
  }
});

/** Creates a case's promotions and coupon through the back office; answers what to pause afterwards. */
async function setUpCase(c: PricingCase, tag: string) {
  const promotions: string[] = [];
  for (const rule of c.rules) {
    const created = await shop.admin.createPromotion({ body: caseRuleInput(rule, ids, day) });
    if (rule.paused) await shop.admin.pausePromotion({ params: { id: created.id } });
    promotions.push(created.id);
  }
  let coupon: { id: string; code: string } | null = null;
  if (c.coupon) {
    const { startsOn, endsOn, ...rest } = c.coupon;
    const created = await shop.admin.createCoupon({
      body: {
        ...rest,
        code: `${c.coupon.code}-${tag}`,
        maxUses: null,
        maxUsesPerCustomer: null,
        startsOn: startsOn == null ? null : day(startsOn),
        endsOn: endsOn == null ? null : day(endsOn),
      },
    });
    coupon = { id: created.id, code: created.code };
  }
  return {
    coupon,
    tearDown: async () => {
      for (const id of promotions) await shop.admin.pausePromotion({ params: { id } });
      if (coupon) await shop.admin.pauseCoupon({ params: { id: coupon.id } });
    },
  };
}

/** A case runs on a channel when it is the case's, or when nothing in it depends on the channel. */
function runsOn(c: PricingCase, channel: PricingChannel): boolean {
  return c.channel === channel || !c.coupon || c.coupon.channels.length === 2;
}

const named = (discounts: { name: string; amountCents: number }[] | undefined) =>
  (discounts ?? []).map((d) => [d.name, d.amountCents]);

describe('the table of pricing cases through the web checkout: the totals of priceCart', () => {
  it.each(pricingCases.filter((c) => runsOn(c, 'web')).map((c, i) => [c.name, c, i] as const))(
    '%s',
    async (_name, c, i) => {
      const { coupon, tearDown } = await setUpCase(c, `W${i}`);
      try {
        const customer = await aCustomer(shop.server);
        for (const line of c.lines)
          await customer.api.addCartItem({
            body: { productId: ids.product(line.product), quantity: line.quantity },
          });
        // The cart shows what the order will charge.
        const cart = await customer.api.getCart({
          query: coupon ? { coupon: coupon.code.toLowerCase() } : {},
        });
        expect(cart.promotions.goods).toEqual({ usdCents: c.expect.totalCents, khr: c.expect.totalKhr });
        expect(named(cart.promotions.discounts)).toEqual(c.expect.discounts);
        const couponState = cart.promotions.coupon;
        expect(couponState && (couponState.status === 'applied' ? 'applied' : couponState.reason)).toBe(
          c.expect.coupon ?? null,
        );

        const place = (couponCode?: string) =>
          customer.api.placeOrder({
            body: { fulfilment: 'pickup', currency: 'USD', ...(couponCode && { couponCode }) },
          });
        if (coupon && c.expect.coupon !== 'applied') {
          const refused = await failure<ApiError>(place(coupon.code));
          expect(refused).toMatchObject({ status: 400, fields: { couponCode: c.expect.coupon } });
        }
        const order = await place(c.expect.coupon === 'applied' ? coupon!.code : undefined);
        expect([order.totalCents, order.totalKhr]).toEqual([c.expect.totalCents, c.expect.totalKhr]);
        expect(named(order.discounts)).toEqual(c.expect.discounts);
        // Read back, the order says the same.
        const read = await customer.api.getOrder({ params: { id: order.id } });
        expect(named(read.discounts)).toEqual(c.expect.discounts);
        expect(read.subtotalCents - (read.discountCents ?? 0) + read.deliveryFeeCents).toBe(read.totalCents);
        // The invoice names each discount and adds up to the order's total.
        if (c.expect.discounts.length) {
          const invoice = await fetch(`${shop.server.url}/api/v1/orders/${order.id}/invoice?format=html`, {
            headers: { authorization: `Bearer ${customer.token}` },
          }).then((r) => r.text());
          for (const [name] of c.expect.discounts) expect(invoice).toContain(name);
          expect(invoice).toContain(formatUsd(order.totalCents));
        }
      } finally {
        await tearDown();
      }
    },
  );
});

/** What a counter knows after pulling the feed from the start, in contract 2. */
async function pullAsCounter() {
  const data = {
    promotions: new Map<string, PromotionRule>(),
    coupons: new Map<string, CouponRule>(),
    categories: new Map<string, SyncCategory>(),
    products: new Map<string, SyncProduct>(),
  };
  const maps = {
    promotion: data.promotions,
    coupon: data.coupons,
    category: data.categories,
    product: data.products,
  };
  let after = 0;
  for (;;) {
    const page = await counter.client.listChanges({
      query: { after, limit: 1000, contract: syncContractVersion },
    });
    for (const change of page.changes) {
      const map = maps[change.entity as keyof typeof maps] as Map<string, unknown> | undefined;
      if (!map) continue;
      if (change.data === null) map.delete(change.entityId);
      else map.set(change.entityId, change.data);
    }
    after = page.cursor;
    if (!page.hasMore) return data;
  }
}

function categoryChain(categories: Map<string, SyncCategory>, id: string | null): string[] {
  const chain: string[] = [];
  for (let at = id; at; at = categories.get(at)?.parentId ?? null) chain.push(at);
  return chain;
}

/** A sale as the counter makes it: priced by priceCart with the rules it pulled, pushed in contract 2. */
async function counterSale(
  lines: { productId: string; quantity: number }[],
  couponCode: string | null,
  at = Date.now(),
) {
  const known = await pullAsCounter();
  const coupon = couponCode
    ? ([...known.coupons.values()].find((k) => k.code === normalizeCouponCode(couponCode)) ?? null)
    : null;
  const priced = priceCart({
    lines: lines.map((l) => {
      const p = known.products.get(l.productId)!;
      return {
        ...l,
        priceCents: p.salePriceCents ?? p.priceCents,
        categoryIds: categoryChain(known.categories, p.categoryId),
        brandId: p.brandId,
      };
    }),
    rules: [...known.promotions.values()],
    coupon: couponCode ? { code: couponCode, rule: coupon, uses: 0, customerUses: 0 } : null,
    channel: 'pos',
    now: at,
    rielPerUsd: 4100,
    knownCustomer: false,
  });
  const applied = priced.coupon?.status === 'applied';
  const sale: PushItem = {
    id: ulid(),
    type: 'sale',
    at,
    staffId: shop.staffUser.userId,
    receiptNumber: `R-${ulid().slice(-8)}`,
    lines: priced.lines.map((l) => ({
      productId: l.productId,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
    })),
    discountCents: priced.orderDiscountCents,
    discounts: priced.discounts.map((d) => ({
      source: d.source,
      id: d.id,
      level: d.level,
      amountCents: d.amountCents,
    })),
    ...(applied && couponCode && { couponCode }),
    payments: [
      { method: 'cash', currency: 'USD', amount: priced.totalCents, tendered: priced.totalCents, change: 0 },
    ],
  };
  return { priced, sale };
}

async function push(sale: PushItem) {
  const { results } = await counter.client.pushItems({
    body: { items: [sale], contract: syncContractVersion },
  });
  expect(results[0]).toMatchObject({ status: 'applied' });
  return shop.staff.getOrder({ params: { id: results[0]!.orderId! } });
}

describe('the same cases through a counter that pulled the rules: the same totals, nothing flagged', () => {
  it.each(pricingCases.filter((c) => runsOn(c, 'pos')).map((c, i) => [c.name, c, i] as const))(
    '%s',
    async (_name, c, i) => {
      const { coupon, tearDown } = await setUpCase(c, `P${i}`);
      try {
        const lines = c.lines.map((l) => ({ productId: ids.product(l.product), quantity: l.quantity }));
        const { priced, sale } = await counterSale(lines, coupon?.code ?? null);
        expect([priced.totalCents, priced.totalKhr]).toEqual([c.expect.totalCents, c.expect.totalKhr]);
        const order = await push(sale);
        expect([order.totalCents, order.totalKhr]).toEqual([c.expect.totalCents, c.expect.totalKhr]);
        expect(named(order.discounts)).toEqual(c.expect.discounts);
        expect(order.priceFlag).toBeNull();
      } finally {
        await tearDown();
      }
    },
  );
});

describe('who may see and change promotions', () => {
  const promo = () => ({
    kind: 'brand_off' as const,
    name: 'Attack test',
    brandId: ids.brand('amd'),
    percent: 5,
    amountCents: null,
    startsOn: null,
    endsOn: null,
  });

  it('a stranger is 401, a customer 403, staff read but may not write, an admin writes', async () => {
    const { csrfToken } = await shop.server.client.getCsrfToken({});
    const stranger = (method: string, path: string) =>
      fetch(`${shop.server.url}/api/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          cookie: `csrf_token=${csrfToken}`,
          'x-csrf-token': csrfToken,
        },
        ...(method === 'GET' ? {} : { body: JSON.stringify(promo()) }),
      }).then((r) => r.status);
    expect(await stranger('GET', '/admin/promotions')).toBe(401);
    expect(await stranger('POST', '/admin/promotions')).toBe(401);
    expect(await stranger('GET', '/admin/coupons')).toBe(401);

    const customer = await aCustomer(shop.server);
    expect(await failure<ApiError>(customer.api.listPromotions({}))).toMatchObject({ status: 403 });
    expect(await failure<ApiError>(customer.api.createPromotion({ body: promo() }))).toMatchObject({
      status: 403,
    });
    expect(await failure<ApiError>(customer.api.listFlaggedSales({}))).toMatchObject({ status: 403 });

    const created = await shop.admin.createPromotion({ body: promo() });
    expect(created).toMatchObject({ state: 'live', uses: 0, paused: false });
    expect((await shop.staff.listPromotions({})).items.map((p) => p.id)).toContain(created.id);
    const staffWrites: (() => Promise<unknown>)[] = [
      () => shop.staff.createPromotion({ body: promo() }),
      () => shop.staff.updatePromotion({ params: { id: created.id }, body: { ...promo(), percent: 50 } }),
      () => shop.staff.pausePromotion({ params: { id: created.id } }),
      () => shop.staff.deletePromotion({ params: { id: created.id } }),
      () => shop.staff.createCoupon({ body: aCoupon('STAFFMADE') }),
    ];
    for (const write of staffWrites) expect(await failure<ApiError>(write())).toMatchObject({ status: 403 });

    // The admin schedules, pauses, resumes and deletes (unused): audited, and in the counters' feed.
    const edited = await shop.admin.updatePromotion({
      params: { id: created.id },
      body: { ...promo(), startsOn: day(3), endsOn: day(10) },
    });
    expect(edited).toMatchObject({ state: 'scheduled', startsOn: day(3) });
    expect(await shop.admin.pausePromotion({ params: { id: created.id } })).toMatchObject({
      state: 'paused',
    });
    expect(await shop.admin.resumePromotion({ params: { id: created.id } })).toMatchObject({
      state: 'scheduled',
    });
    expect((await pullAsCounter()).promotions.get(created.id)).toMatchObject({
      startsOn: day(3),
      paused: false,
    });
    await shop.admin.deletePromotion({ params: { id: created.id } });
    expect((await pullAsCounter()).promotions.has(created.id)).toBe(false);
    const audit = await shop.server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.id)
      .orderBy('created_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'promotion.create',
      'promotion.update',
      'promotion.pause',
      'promotion.resume',
      'promotion.delete',
    ]);

    // A promotion pointing at nothing is a 404; a coupon code is unique whatever its case.
    expect(
      await failure<ApiError>(shop.admin.createPromotion({ body: { ...promo(), brandId: 'NO-SUCH-BRAND' } })),
    ).toMatchObject({ status: 404 });
    const coupon = await shop.admin.createCoupon({ body: aCoupon('unique-code') });
    expect(await shop.admin.pauseCoupon({ params: { id: coupon.id } })).toMatchObject({ paused: true });
    expect(await shop.admin.resumeCoupon({ params: { id: coupon.id } })).toMatchObject({ paused: false });
    const couponAudit = await shop.server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', coupon.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(couponAudit.map((a) => a.action)).toEqual(['coupon.create', 'coupon.pause', 'coupon.resume']);
    expect(await failure<ApiError>(shop.admin.createCoupon({ body: aCoupon('UNIQUE-CODE') }))).toMatchObject({
      status: 409,
      fields: { code: expect.any(String) },
    });
  });

  it('a counter of contract 1 is not sent promotions or coupons; one of contract 2 is', async () => {
    await shop.admin.createCoupon({ body: aCoupon('FEED-CHECK') });
    const entities = async (contract?: number) => {
      const page = await counter.client.listChanges({
        query: { after: 0, limit: 1000, ...(contract && { contract }) },
      });
      return new Set(page.changes.map((c) => c.entity));
    };
    const old = await entities();
    expect(old.has('promotion') || old.has('coupon')).toBe(false);
    expect(old.has('product')).toBe(true);
    expect((await entities(2)).has('coupon')).toBe(true);
  });
});

function aCoupon(code: string, limits: { maxUses?: number; maxUsesPerCustomer?: number } = {}) {
  return {
    code,
    name: `Coupon ${code}`,
    percent: null,
    amountCents: 100,
    minTotalCents: null,
    maxUses: limits.maxUses ?? null,
    maxUsesPerCustomer: limits.maxUsesPerCustomer ?? null,
    channels: ['web', 'pos'] as PricingChannel[],
    startsOn: null,
    endsOn: null,
  };
}

const orderWith = (api: ShopClient, couponCode: string) =>
  api.placeOrder({
    body: {
      items: [{ productId: ids.product('cable'), quantity: 1 }],
      fulfilment: 'pickup',
      currency: 'USD',
      couponCode,
    },
  });

describe('coupon limits', () => {
  it('50 customers racing for a coupon limited to 10 uses: exactly 10 orders carry it', async () => {
    const coupon = await shop.admin.createCoupon({ body: aCoupon('RACE10', { maxUses: 10 }) });
    const customers = await Promise.all(Array.from({ length: 50 }, () => aCustomer(shop.server)));
    const results = await Promise.allSettled(customers.map((c) => orderWith(c.api, 'race10')));
    const placed = results.filter((r) => r.status === 'fulfilled');
    expect(placed).toHaveLength(10);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as ApiError).fields).toEqual({ couponCode: 'used_up' });
    for (const r of placed)
      expect((r as PromiseFulfilledResult<{ totalCents: number }>).value.totalCents).toBe(299);
    expect(await shop.admin.getCoupon({ params: { id: coupon.id } })).toMatchObject({
      uses: 10,
      discountCents: 1_000,
    });
    const uses = await shop.server.database.db
      .selectFrom('coupon_uses')
      .select('order_id')
      .where('coupon_id', '=', coupon.id)
      .execute();
    expect(uses).toHaveLength(10);
  });

  it('one use per customer, even when the same customer races themself', async () => {
    await shop.admin.createCoupon({ body: aCoupon('ONCE', { maxUsesPerCustomer: 1 }) });
    const customer = await aCustomer(shop.server);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => orderWith(customer.api, 'ONCE')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await failure<ApiError>(orderWith(customer.api, 'once'))).toMatchObject({
      status: 400,
      fields: { couponCode: 'customer_used_up' },
    });
    // Another customer still may.
    await orderWith((await aCustomer(shop.server)).api, 'once');
  });

  it('an order that expires unpaid gives its coupon use back', async () => {
    const coupon = await shop.admin.createCoupon({ body: aCoupon('ONLYONE', { maxUses: 1 }) });
    const first = await aCustomer(shop.server);
    const second = await aCustomer(shop.server);
    const order = await orderWith(first.api, 'ONLYONE');
    expect(await failure<ApiError>(orderWith(second.api, 'ONLYONE'))).toMatchObject({
      fields: { couponCode: 'used_up' },
    });
    const payment = await first.api.getOrderPayment({ params: { id: order.id } });
    // The payment job's passes take so many QRs at a time: this file left many unpaid orders before this one.
    const status = async () => (await first.api.getOrder({ params: { id: order.id } })).status;
    for (let pass = 0; pass < 10 && (await status()) === 'pending_payment'; pass++)
      await checkPaymentsNow(shop.server, payment.holdEndsAt + 60 * 60_000);
    expect(await status()).toBe('expired');
    expect(await shop.admin.getCoupon({ params: { id: coupon.id } })).toMatchObject({ uses: 0 });
    expect((await orderWith(second.api, 'ONLYONE')).couponCode).toBe('ONLYONE');
  });
});

describe('a counter sale charged below the server prices', () => {
  it('is applied at the counter price and flagged for staff, with an audit row', async () => {
    // A sale price that ended yesterday: the counter, offline, still sold at it.
    const ended = await shop.admin.createPromotion({
      body: {
        kind: 'sale_price',
        name: 'Ended cable deal',
        productId: ids.product('cable'),
        salePriceCents: 299,
        startsOn: day(-7),
        endsOn: day(-1),
      },
    });
    const sale: PushItem = {
      id: ulid(),
      type: 'sale',
      at: Date.now(),
      staffId: shop.staffUser.userId,
      receiptNumber: `R-${ulid().slice(-8)}`,
      lines: [{ productId: ids.product('cable'), quantity: 2, unitPriceCents: 299 }],
      discounts: [{ source: 'promotion', id: ended.id, level: 'line', amountCents: 200 }],
      payments: [{ method: 'cash', currency: 'USD', amount: 598, tendered: 600, change: 2 }],
    };
    const order = await push(sale);
    expect(order.totalCents).toBe(598);
    expect(order.priceFlag).toEqual({ expectedCents: 798, chargedCents: 598 });
    expect(named(order.discounts)).toEqual([['Ended cable deal', 200]]);
    const flagged = await shop.staff.listFlaggedSales({});
    expect(flagged.items.find((f) => f.orderId === order.id)).toMatchObject({
      receiptNumber: sale.receiptNumber,
      expectedCents: 798,
      chargedCents: 598,
    });
    const audit = await shop.server.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', order.id)
      .where('action', '=', 'pos.sale')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      priceFlag: { expectedCents: 798, chargedCents: 598 },
    });

    // The cashier's own discount is theirs: not flagged.
    const own = await push({
      ...sale,
      id: ulid(),
      receiptNumber: `R-${ulid().slice(-8)}`,
      lines: [{ productId: ids.product('cable'), quantity: 2, unitPriceCents: 399, discountCents: 100 }],
      discounts: [],
      payments: [{ method: 'cash', currency: 'USD', amount: 698 }],
    });
    expect(own.priceFlag).toBeNull();
  });
});
