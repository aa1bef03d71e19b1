import type { z } from 'zod';
import type { AdminProductList, adminProductListQuerySchema, ProductImage } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { stockLevelOf } from '../inventory/stock-level';
import { categoryParents, pageOfAdminProducts } from './admin-listing-repo';

/**
 * The back office's product list: every product, active or not, with its stock against its reorder level. Staff
 * read it to count and receive stock; it carries no cost price (that is the admin product's, admin-product.ts).
 */
export async function listAdminProducts(
  db: Db,
  query: z.output<typeof adminProductListQuerySchema>,
): Promise<AdminProductList> {
  const categoryIds = query.categoryId ? await withSubcategories(db, query.categoryId) : undefined;
  const found = await pageOfAdminProducts(db, { ...query, categoryIds }, query.sort, query);
  return pageAnswer(
    found,
    (row) => {
      const level = stockLevelOf(row);
      const images = JSON.parse(row.images_json) as ProductImage[];
      return {
        id: row.id,
        sku: row.sku,
        barcode: row.barcode,
        name: row.name,
        brand: { id: row.brand_id, name: row.brand_name },
        category: { id: row.category_id, name: row.category_name, nameKm: row.category_name_km },
        priceCents: Number(row.price_cents),
        compareAtCents: row.compare_at_cents === null ? null : Number(row.compare_at_cents),
        active: Number(row.active) === 1,
        serialized: Number(row.serialized) === 1,
        ...level,
        stock: level.available <= 0 ? 'out' : level.available <= level.reorderLevel ? 'low' : 'in',
        imageId: images.find((image) => image.id)?.id ?? null,
        updatedAt: Number(row.updated_at),
      };
    },
    query,
  );
}

/** The category and all under it (the tree is small: a shop has tens of categories, not thousands). */
async function withSubcategories(db: Db, categoryId: string): Promise<string[]> {
  const rows = await categoryParents(db);
  const known = new Set(rows.map((row) => row.id));
  if (!known.has(categoryId)) return [];
  const found = new Set([categoryId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows)
      if (row.parent_id && found.has(row.parent_id) && !found.has(row.id)) {
        found.add(row.id);
        grew = true;
      }
  }
  return [...found];
}
