import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { containsText, startsWithText } from '../../db/like';
import { pageOf, type PageRequest } from '../../db/paging';

/** The SQL of the back office's stock lists: products to reorder, and stock on hand at cost. */

/** A product's reorder level: its own, or its low-stock threshold when it has none. */
const reorderLevel = sql<number>`coalesce(p.reorder_level, p.low_stock_threshold)`;
const available = sql<number>`(s.on_hand - s.reserved)`;

interface ProductFilter {
  categoryId?: string | undefined;
  brandId?: string | undefined;
  q?: string | undefined;
}

function stockedProducts(db: Db, filter: ProductFilter) {
  let base = db.selectFrom('products as p').innerJoin('stock_levels as s', 's.product_id', 'p.id');
  if (filter.categoryId) base = base.where('p.category_id', '=', filter.categoryId);
  if (filter.brandId) base = base.where('p.brand_id', '=', filter.brandId);
  if (filter.q) {
    const q = filter.q.toLowerCase();
    base = base.where((eb) =>
      eb.or([containsText(eb.ref('p.name_sort'), q), startsWithText(eb.ref('p.sku'), q.toUpperCase())]),
    );
  }
  return base;
}

export function pageOfLowStock(
  db: Db,
  filter: ProductFilter,
  sort: 'shortfall' | 'name' | 'available',
  page: PageRequest,
) {
  const base = stockedProducts(db, filter)
    .where('p.active', '=', 1)
    .where(({ eb }) => eb(available, '<=', reorderLevel));
  let rows = base.select([
    'p.id',
    'p.sku',
    'p.name',
    's.on_hand',
    's.reserved',
    reorderLevel.as('reorder_level'),
  ]);
  if (sort === 'shortfall') rows = rows.orderBy(sql`${reorderLevel} - ${available}`, 'desc');
  if (sort === 'available') rows = rows.orderBy(available, 'asc');
  return pageOf(rows.orderBy('p.name_sort').orderBy('p.id'), base, page);
}

export function pageOfValuation(
  db: Db,
  filter: ProductFilter & { costed?: 'yes' | 'no' | undefined },
  sort: 'value' | 'name' | 'on_hand',
  page: PageRequest,
) {
  let base = stockedProducts(db, filter).where('s.on_hand', '>', 0);
  if (filter.costed === 'yes') base = base.where('p.cost_cents', 'is not', null);
  if (filter.costed === 'no') base = base.where('p.cost_cents', 'is', null);
  let rows = base.select(['p.id', 'p.sku', 'p.name', 's.on_hand', 'p.cost_cents']);
  // Without a cost price the value is NULL, which both dialects sort last in descending order.
  if (sort === 'value') rows = rows.orderBy(sql`s.on_hand * p.cost_cents`, 'desc');
  if (sort === 'on_hand') rows = rows.orderBy('s.on_hand', 'desc');
  return {
    page: pageOf(rows.orderBy('p.name_sort').orderBy('p.id'), base, page),
    totals: valuationTotals(base),
  };
}

/** Totals over every matching product, not one page; MySQL answers SUMs as decimal strings, hence Number() later. */
function valuationTotals(base: ReturnType<typeof stockedProducts>) {
  return base
    .select([
      sql<number | string>`count(*)`.as('products'),
      sql<number | string | null>`sum(s.on_hand)`.as('units'),
      sql<
        number | string | null
      >`sum(case when p.cost_cents is null then 0 else s.on_hand * p.cost_cents end)`.as('value_cents'),
      sql<number | string | null>`sum(case when p.cost_cents is null then 1 else 0 end)`.as(
        'uncosted_products',
      ),
      sql<number | string | null>`sum(case when p.cost_cents is null then s.on_hand else 0 end)`.as(
        'uncosted_units',
      ),
    ])
    .executeTakeFirstOrThrow();
}
