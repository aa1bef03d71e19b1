import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { containsText, startsWithText } from '../../db/like';
import { pageOf, type PageRequest } from '../../db/paging';

/** The SQL of the back office's product list: every product, active or not, with its stock counters. */

export interface AdminProductFilter {
  id?: string | undefined;
  q?: string | undefined;
  /** The category asked for and every category under it; an empty list matches nothing. */
  categoryIds?: string[] | undefined;
  brandId?: string | undefined;
  active?: 'yes' | 'no' | undefined;
  stock?: 'in' | 'low' | 'out' | undefined;
}
export type AdminProductSort = 'name' | 'newest' | 'price' | 'available';

const reorderLevel = sql<number>`coalesce(p.reorder_level, p.low_stock_threshold)`;
const available = sql<number>`(s.on_hand - s.reserved)`;

function matching(db: Db, filter: AdminProductFilter) {
  let base = db.selectFrom('products as p').innerJoin('stock_levels as s', 's.product_id', 'p.id');
  if (filter.categoryIds)
    base = filter.categoryIds.length
      ? base.where('p.category_id', 'in', filter.categoryIds)
      : base.where(sql<boolean>`1 = 0`);
  if (filter.id) base = base.where('p.id', '=', filter.id);
  if (filter.brandId) base = base.where('p.brand_id', '=', filter.brandId);
  if (filter.active) base = base.where('p.active', '=', filter.active === 'yes' ? 1 : 0);
  if (filter.stock === 'out') base = base.where(({ eb }) => eb(available, '<=', 0));
  if (filter.stock === 'low')
    base = base.where(({ eb, and }) => and([eb(available, '>', 0), eb(available, '<=', reorderLevel)]));
  if (filter.stock === 'in') base = base.where(({ eb }) => eb(available, '>', reorderLevel));
  if (filter.q) {
    const q = filter.q.toLowerCase();
    // A scanned barcode is matched whole; names anywhere (name_sort is lower case), SKUs from their start.
    base = base.where((eb) =>
      eb.or([
        containsText(eb.ref('p.name_sort'), q),
        startsWithText(eb.ref('p.sku'), filter.q!.toUpperCase()),
        startsWithText(eb.ref('p.sku'), filter.q!),
        eb('p.barcode', '=', filter.q!),
      ]),
    );
  }
  return base;
}

export function pageOfAdminProducts(
  db: Db,
  filter: AdminProductFilter,
  sort: AdminProductSort,
  page: PageRequest,
) {
  const base = matching(db, filter);
  let rows = base
    .innerJoin('brands as b', 'b.id', 'p.brand_id')
    .innerJoin('categories as c', 'c.id', 'p.category_id')
    .select([
      'p.id',
      'p.sku',
      'p.barcode',
      'p.name',
      'p.price_cents',
      'p.compare_at_cents',
      'p.active',
      'p.serialized',
      'p.images_json',
      'p.updated_at',
      's.on_hand',
      's.reserved',
      reorderLevel.as('reorder_level'),
      'b.id as brand_id',
      'b.name as brand_name',
      'c.id as category_id',
      'c.name as category_name',
      'c.name_km as category_name_km',
    ]);
  if (sort === 'newest') rows = rows.orderBy('p.created_at', 'desc');
  if (sort === 'price') rows = rows.orderBy('p.price_cents', 'desc');
  if (sort === 'available') rows = rows.orderBy(available, 'asc');
  return pageOf(rows.orderBy('p.name_sort').orderBy('p.id'), base, page);
}

/** Every category's id and parent: the list's category filter takes in the categories under it. */
export function categoryParents(db: Db) {
  return db.selectFrom('categories').select(['id', 'parent_id']).execute();
}
