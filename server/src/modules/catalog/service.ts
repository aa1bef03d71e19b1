import type { ProductDetail, ProductInput, ProductPatch, ProductPreOrder } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { ProductTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { recordChanges } from '../sync/change-log';
import { forgetShownAvailability } from '../sync/shelf-version';
import {
  insertProducts,
  nameSortKey,
  reindexProducts,
  specProblems,
  type IndexedProduct,
} from './product-writer';
import {
  brandNamesOf,
  categoriesForIndex,
  findProductDetail,
  findProductRow,
  slugsStartingWith,
  updateProductRow,
} from './repo';
import { specKindOf, toProductDetail } from './present';
import { slugify } from './slugs';

/** Back-office catalog rules: products belong to a known category and brand, specs fit the category, keys are unique. */

export async function getPublicProduct(db: Db, idOrSlug: string): Promise<ProductDetail> {
  const row = await findProductDetail(db, idOrSlug, { includeInactive: false });
  if (!row) throw new NotFound('This product does not exist or is no longer sold');
  return toProductDetail(row);
}

export async function createProduct(db: Db, input: ProductInput, actor: Actor): Promise<ProductDetail> {
  const id = newId();
  await withUniqueKeys(() =>
    inTransaction(db, async (tx) => {
      const now = Date.now();
      const row: ProductTable = {
        id,
        sku: input.sku.toUpperCase(),
        barcode: input.barcode ?? null,
        slug: input.slug ?? (await freeSlug(tx, slugify(input.name, input.sku))),
        name: input.name,
        name_sort: nameSortKey(input.name),
        description: input.description ?? '',
        description_km: input.descriptionKm || null,
        category_id: input.categoryId,
        brand_id: input.brandId,
        price_cents: input.priceCents,
        compare_at_cents: input.compareAtCents ?? null,
        warranty_months: input.warrantyMonths ?? 0,
        specs_json: JSON.stringify(input.specs ?? {}),
        images_json: '[]',
        serialized: input.serialized ? 1 : 0,
        active: input.active === false ? 0 : 1,
        low_stock_threshold: input.lowStockThreshold ?? 3,
        cost_cents: input.costCents ?? null,
        reorder_level: input.reorderLevel ?? null,
        ...preOrderColumns(input.preOrder ?? null),
        created_at: now,
        updated_at: now,
      };
      await insertProducts(tx, await describeForIndex(tx, [row]), now);
      await recordAudit(
        tx,
        actor,
        { action: 'product.create', entity: 'product', entityId: id, after: auditView(row) },
        now,
      );
    }),
  );
  return toProductDetail((await findProductDetail(db, id, { includeInactive: true }))!);
}

export async function updateProduct(
  db: Db,
  id: string,
  patch: ProductPatch,
  actor: Actor,
): Promise<ProductDetail> {
  await withUniqueKeys(() =>
    inTransaction(db, async (tx) => {
      // A new threshold can change what the product is shown as without a stock movement (shelf-version.ts).
      if (patch.lowStockThreshold !== undefined) await forgetShownAvailability(tx, id);
      const current = await findProductRow(tx, id);
      if (!current) throw new NotFound('There is no product with this id');
      const row: ProductTable = {
        ...current,
        ...(patch.sku !== undefined && { sku: patch.sku.toUpperCase() }),
        ...(patch.barcode !== undefined && { barcode: patch.barcode }),
        ...(patch.slug !== undefined && { slug: patch.slug }),
        ...(patch.name !== undefined && { name: patch.name, name_sort: nameSortKey(patch.name) }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.descriptionKm !== undefined && { description_km: patch.descriptionKm || null }),
        ...(patch.categoryId !== undefined && { category_id: patch.categoryId }),
        ...(patch.brandId !== undefined && { brand_id: patch.brandId }),
        ...(patch.priceCents !== undefined && { price_cents: patch.priceCents }),
        ...(patch.compareAtCents !== undefined && { compare_at_cents: patch.compareAtCents }),
        ...(patch.warrantyMonths !== undefined && { warranty_months: patch.warrantyMonths }),
        ...(patch.specs !== undefined && { specs_json: JSON.stringify(patch.specs) }),
        ...(patch.serialized !== undefined && { serialized: patch.serialized ? 1 : 0 }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        ...(patch.lowStockThreshold !== undefined && { low_stock_threshold: patch.lowStockThreshold }),
        ...(patch.costCents !== undefined && { cost_cents: patch.costCents }),
        ...(patch.reorderLevel !== undefined && { reorder_level: patch.reorderLevel }),
        ...(patch.preOrder !== undefined && preOrderColumns(patch.preOrder)),
        updated_at: Date.now(),
      };
      const indexed = await describeForIndex(tx, [row]);
      await updateProductRow(tx, row);
      await reindexProducts(tx, indexed);
      await recordAudit(tx, actor, {
        action: 'product.update',
        entity: 'product',
        entityId: id,
        before: auditView(current),
        after: auditView(row),
      });
      await recordChanges(tx, [{ entity: 'product', entityId: id, operation: 'upsert' }]);
    }),
  );
  return toProductDetail((await findProductDetail(db, id, { includeInactive: true }))!);
}

/**
 * Checks the category, brand and specs of product rows and gathers the names their search terms come from.
 * Also used to re-index every product of a renamed brand or category.
 */
export async function describeForIndex(tx: Tx, rows: ProductTable[]): Promise<IndexedProduct[]> {
  if (rows.length === 0) return [];
  const [categories, brands] = await Promise.all([
    categoriesForIndex(tx),
    brandNamesOf(tx, [...new Set(rows.map((r) => r.brand_id))]),
  ]);
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const brandById = new Map(brands.map((b) => [b.id, b]));
  return rows.map((row) => {
    const category = categoryById.get(row.category_id);
    const brand = brandById.get(row.brand_id);
    const fields: Record<string, string> = {};
    if (!category) fields.categoryId = 'no such category';
    if (!brand) fields.brandId = 'no such brand';
    if (!category || !brand) throw new Invalid('The product refers to something that does not exist', fields);
    const specKind = specKindOf(category.spec_kind);
    const problems = specProblems(specKind, JSON.parse(row.specs_json));
    if (Object.keys(problems).length)
      throw new Invalid('Some specifications do not fit this category', problems);
    const categoryNames: string[] = [];
    for (
      let c: typeof category | undefined = category;
      c && categoryNames.length < 20;
      c = categoryById.get(c.parent_id ?? '')
    ) {
      categoryNames.push(c.name, c.name_km);
    }
    return { row, brandName: brand.name, categoryNames, specKind };
  });
}

/** What the audit log keeps of a product: everything but the derived sort key. */
/** Pre-orders while out of stock: allowed with a deposit and an expected day, or not (null). */
function preOrderColumns(preOrder: ProductPreOrder | null) {
  return {
    preorder_allowed: preOrder ? 1 : 0,
    preorder_expected_on: preOrder?.expectedOn ?? null,
    preorder_deposit_percent: preOrder?.depositPercent ?? 0,
  };
}

function auditView(row: ProductTable) {
  const { name_sort: _sortKey, ...view } = row;
  return view;
}

async function freeSlug(tx: Tx, base: string): Promise<string> {
  const taken = new Set(await slugsStartingWith(tx, base));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Turns a unique-key violation into a 409 that names the field. */
async function withUniqueKeys<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = String((error as Error).message);
    const field = ['sku', 'barcode', 'slug'].find((f) => message.includes(f)) ?? 'sku';
    throw new Conflict(`Another product already has this ${field}`, {
      [field]: 'already used by another product',
    });
  }
}
