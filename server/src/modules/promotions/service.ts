import {
  ruleState,
  shopDayOf,
  type ChangeEntity,
  type Coupon,
  type CouponInput,
  type CouponList,
  type FlaggedSale,
  type LivePromotions,
  type Promotion,
  type PromotionInput,
  type PromotionList,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { CouponTable, PromotionTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { getPricing } from '../settings/pricing';
import { recordChanges } from '../sync/change-log';
import {
  allCoupons,
  allPromotions,
  deleteUnusedCoupon,
  deleteUnusedPromotion,
  existingIds,
  findCoupon,
  findPromotion,
  flaggedSales,
  insertCoupon,
  insertPromotion,
  promotionsInForce,
  updateCouponRow,
  updatePromotionRow,
  usageByRef,
} from './repo';
import { couponColumns, namedIds, promotionColumns, toCouponRule, toPromotionRule } from './rows';

/**
 * Promotions and coupons in the back office (docs/decisions/0017-one-pricing-function.md): admins write them, staff
 * read them. Every write is audited and goes into the change feed (entities `promotion` and `coupon`), so counters
 * get the rules through their pull and price offline with the same priceCart as the server.
 */

type Usage = { uses: number; discountCents: number; revenueCents: number };
const NO_USE: Usage = { uses: 0, discountCents: 0, revenueCents: 0 };

async function usageOf(db: Db | Tx, ids: string[]): Promise<Map<string, Usage>> {
  const rows = await usageByRef(db, ids);
  return new Map(
    rows.map((r) => [
      r.ref_id,
      { uses: Number(r.uses), discountCents: Number(r.discount ?? 0), revenueCents: Number(r.revenue ?? 0) },
    ]),
  );
}

function presentPromotion(row: PromotionTable, usage: Usage, today: string): Promotion {
  const rule = toPromotionRule(row);
  return {
    ...rule,
    ...usage,
    state: ruleState(rule, today),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function presentCoupon(row: CouponTable, usage: Usage, today: string): Coupon {
  const rule = toCouponRule(row);
  return {
    ...rule,
    ...usage,
    state: ruleState(rule, today),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export async function listPromotions(db: Db, now = Date.now()): Promise<PromotionList> {
  const rows = await allPromotions(db);
  const usage = await usageOf(
    db,
    rows.map((r) => r.id),
  );
  const today = shopDayOf(now);
  return { items: rows.map((row) => presentPromotion(row, usage.get(row.id) ?? NO_USE, today)) };
}

export async function getPromotion(db: Db | Tx, id: string, now = Date.now()): Promise<Promotion> {
  const row = await findPromotion(db, id);
  if (!row) throw new NotFound('There is no such promotion');
  const usage = await usageOf(db, [id]);
  return presentPromotion(row, usage.get(id) ?? NO_USE, shopDayOf(now));
}

/** The promotions a web page may price with now or soon: not paused, not ended. */
export async function livePromotions(db: Db, now = Date.now()): Promise<LivePromotions> {
  const [rows, pricing] = await Promise.all([promotionsInForce(db, shopDayOf(now)), getPricing(db)]);
  return { rules: rows.map(toPromotionRule), rielPerUsd: pricing.rielPerUsd };
}

/** A promotion must point at products, categories and brands that exist. */
async function checkNamed(tx: Tx, input: PromotionInput): Promise<void> {
  const named = namedIds(input);
  for (const [table, ids, what] of [
    ['products', named.products, 'product'],
    ['categories', named.categories, 'category'],
    ['brands', named.brands, 'brand'],
  ] as const) {
    const wanted = [...new Set(ids)];
    const found = new Set(await existingIds(tx, table, wanted));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) throw new NotFound(`There is no ${what} ${missing.join(', ')}`);
  }
}

async function changed(
  tx: Tx,
  entity: ChangeEntity,
  id: string,
  operation: 'upsert' | 'delete',
  now: number,
) {
  await recordChanges(tx, [{ entity, entityId: id, operation }], now);
}

export async function createPromotion(db: Db, actor: Actor, input: PromotionInput): Promise<Promotion> {
  const now = Date.now();
  const id = newId();
  await inTransaction(db, async (tx) => {
    await checkNamed(tx, input);
    await insertPromotion(tx, {
      id,
      ...promotionColumns(input),
      paused: 0,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'promotion.create', entity: 'promotion', entityId: id, after: input },
      now,
    );
    await changed(tx, 'promotion', id, 'upsert', now);
  });
  return getPromotion(db, id, now);
}

export async function updatePromotion(
  db: Db,
  actor: Actor,
  id: string,
  input: PromotionInput,
): Promise<Promotion> {
  const now = Date.now();
  await inTransaction(db, async (tx) => {
    const before = await findPromotion(tx, id);
    if (!before) throw new NotFound('There is no such promotion');
    await checkNamed(tx, input);
    await updatePromotionRow(tx, id, { ...promotionColumns(input), updated_at: now });
    await recordAudit(
      tx,
      actor,
      {
        action: 'promotion.update',
        entity: 'promotion',
        entityId: id,
        before: toPromotionRule(before),
        after: input,
      },
      now,
    );
    await changed(tx, 'promotion', id, 'upsert', now);
  });
  return getPromotion(db, id, now);
}

/** Promotions and coupons pause and resume alike: the row, an audit row, and the counters' feed. */
const pausable = {
  promotion: { update: updatePromotionRow, missing: 'There is no such promotion' },
  coupon: { update: updateCouponRow, missing: 'There is no such coupon' },
} as const;

async function markPaused(
  db: Db,
  actor: Actor,
  entity: keyof typeof pausable,
  id: string,
  paused: boolean,
): Promise<number> {
  const now = Date.now();
  await inTransaction(db, async (tx) => {
    if (!(await pausable[entity].update(tx, id, { paused: paused ? 1 : 0, updated_at: now })))
      throw new NotFound(pausable[entity].missing);
    await recordAudit(
      tx,
      actor,
      { action: `${entity}.${paused ? 'pause' : 'resume'}`, entity, entityId: id },
      now,
    );
    await changed(tx, entity, id, 'upsert', now);
  });
  return now;
}

export async function setPromotionPaused(
  db: Db,
  actor: Actor,
  id: string,
  paused: boolean,
): Promise<Promotion> {
  return getPromotion(db, id, await markPaused(db, actor, 'promotion', id, paused));
}

export async function deletePromotion(db: Db, actor: Actor, id: string): Promise<{ ok: true }> {
  const now = Date.now();
  await inTransaction(db, async (tx) => {
    const before = await findPromotion(tx, id);
    if (!before) throw new NotFound('There is no such promotion');
    if (!(await deleteUnusedPromotion(tx, id)))
      throw new Conflict('Orders used this promotion: pause it or let it end instead', {
        id: 'used by orders',
      });
    await recordAudit(
      tx,
      actor,
      { action: 'promotion.delete', entity: 'promotion', entityId: id, before: toPromotionRule(before) },
      now,
    );
    await changed(tx, 'promotion', id, 'delete', now);
  });
  return { ok: true };
}

// --- coupons ------------------------------------------------------------------------------------------------------

export async function listCoupons(db: Db, now = Date.now()): Promise<CouponList> {
  const rows = await allCoupons(db);
  const usage = await usageOf(
    db,
    rows.map((r) => r.id),
  );
  const today = shopDayOf(now);
  return { items: rows.map((row) => presentCoupon(row, usage.get(row.id) ?? NO_USE, today)) };
}

export async function getCoupon(db: Db | Tx, id: string, now = Date.now()): Promise<Coupon> {
  const row = await findCoupon(db, id);
  if (!row) throw new NotFound('There is no such coupon');
  const usage = await usageOf(db, [id]);
  return presentCoupon(row, usage.get(id) ?? NO_USE, shopDayOf(now));
}

/** Codes are unique whatever their case: the unique index on the upper-case code decides, never a read first. */
async function withUniqueCode<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict('Another coupon has this code', { code: 'taken by another coupon' });
    throw error;
  }
}

export async function createCoupon(db: Db, actor: Actor, input: CouponInput): Promise<Coupon> {
  const now = Date.now();
  const id = newId();
  await withUniqueCode(() =>
    inTransaction(db, async (tx) => {
      await insertCoupon(tx, {
        id,
        ...couponColumns(input),
        paused: 0,
        uses: 0,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(
        tx,
        actor,
        { action: 'coupon.create', entity: 'coupon', entityId: id, after: input },
        now,
      );
      await changed(tx, 'coupon', id, 'upsert', now);
    }),
  );
  return getCoupon(db, id, now);
}

export async function updateCoupon(db: Db, actor: Actor, id: string, input: CouponInput): Promise<Coupon> {
  const now = Date.now();
  await withUniqueCode(() =>
    inTransaction(db, async (tx) => {
      const before = await findCoupon(tx, id);
      if (!before) throw new NotFound('There is no such coupon');
      await updateCouponRow(tx, id, { ...couponColumns(input), updated_at: now });
      await recordAudit(
        tx,
        actor,
        {
          action: 'coupon.update',
          entity: 'coupon',
          entityId: id,
          before: toCouponRule(before),
          after: input,
        },
        now,
      );
      await changed(tx, 'coupon', id, 'upsert', now);
    }),
  );
  return getCoupon(db, id, now);
}

export async function setCouponPaused(db: Db, actor: Actor, id: string, paused: boolean): Promise<Coupon> {
  return getCoupon(db, id, await markPaused(db, actor, 'coupon', id, paused));
}

export async function deleteCoupon(db: Db, actor: Actor, id: string): Promise<{ ok: true }> {
  const now = Date.now();
  await inTransaction(db, async (tx) => {
    const before = await findCoupon(tx, id);
    if (!before) throw new NotFound('There is no such coupon');
    if (!(await deleteUnusedCoupon(tx, id)))
      throw new Conflict('Orders used this coupon: pause it instead', { id: 'used by orders' });
    await recordAudit(
      tx,
      actor,
      { action: 'coupon.delete', entity: 'coupon', entityId: id, before: toCouponRule(before) },
      now,
    );
    await changed(tx, 'coupon', id, 'delete', now);
  });
  return { ok: true };
}

export async function listFlaggedSales(db: Db): Promise<{ items: FlaggedSale[] }> {
  const rows = await flaggedSales(db, 200);
  return {
    items: rows.map((r) => ({
      orderId: r.id,
      number: r.number,
      receiptNumber: r.receipt_number ?? null,
      deviceId: r.device_id ?? null,
      staffId: r.staff_id ?? null,
      at: Number(r.created_at),
      expectedCents: Number(r.price_flag_cents),
      chargedCents: Number(r.total_cents),
    })),
  };
}
