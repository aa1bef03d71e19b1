import type { Brand, BrandInput, BrandPatch, Category, CategoryInput, CategoryPatch } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { recordChanges } from '../sync/change-log';
import { specKindOf } from './present';
import { catalogCube, noMemo, type CatalogMemo } from './product-search';
import { reindexProducts } from './product-writer';
import {
  allBrands,
  allCategories,
  categoryHasProducts,
  categoryParents,
  findBrandRow,
  findCategoryRow,
  insertBrandRow,
  insertCategoryRow,
  productRowsOf,
  updateBrandRow,
  updateCategoryRow,
} from './repo';
import { describeForIndex } from './service';
import { slugify } from './slugs';

/** Categories and brands of the back office. Their names are part of product search terms, so renames re-index. */

type TaxonomyEntity = 'category' | 'brand';

/** Every category with its number of active products (a parent's includes its sub-categories'). */
export async function listCategories(db: Db, memo: CatalogMemo = noMemo): Promise<Category[]> {
  const [categories, direct] = await Promise.all([
    allCategories(db),
    activeCounts(db, memo, (group) => group.categoryId),
  ]);
  // A parent's count includes its sub-categories, as its listing does.
  const total = (id: string): number =>
    (direct.get(id) ?? 0) + categories.filter((c) => c.parent_id === id).reduce((n, c) => n + total(c.id), 0);
  return categories.map((c) => ({
    id: c.id,
    slug: c.slug,
    name: c.name,
    nameKm: c.name_km,
    parentId: c.parent_id,
    specKind: specKindOf(c.spec_kind),
    position: Number(c.position),
    productCount: total(c.id),
  }));
}

export async function listBrands(db: Db, memo: CatalogMemo = noMemo): Promise<Brand[]> {
  const [rows, counts] = await Promise.all([allBrands(db), activeCounts(db, memo, (group) => group.brandId)]);
  return rows.map((b) => ({ id: b.id, slug: b.slug, name: b.name, productCount: counts.get(b.id) ?? 0 }));
}

/** Active products per category or brand, from the counts the listing keeps per catalog version. */
async function activeCounts(
  db: Db,
  memo: CatalogMemo,
  keyOf: (group: { categoryId: string; brandId: string }) => string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const group of await catalogCube(db, memo)) {
    counts.set(keyOf(group), (counts.get(keyOf(group)) ?? 0) + group.count);
  }
  return counts;
}

export async function createCategory(db: Db, input: CategoryInput, actor: Actor): Promise<Category> {
  const id = newId();
  await uniqueSlug('category', () =>
    inTransaction(db, async (tx) => {
      if (input.parentId) await requireCategory(tx, input.parentId, 'parentId');
      const now = Date.now();
      const row = {
        id,
        slug: input.slug ?? slugify(input.name, id.toLowerCase()),
        name: input.name,
        name_km: input.nameKm,
        parent_id: input.parentId ?? null,
        spec_kind: input.specKind,
        position: input.position ?? 0,
        created_at: now,
        updated_at: now,
      };
      await insertRecorded(tx, actor, 'category', insertCategoryRow, row, now);
    }),
  );
  return (await listCategories(db)).find((c) => c.id === id)!;
}

export async function updateCategory(
  db: Db,
  id: string,
  patch: CategoryPatch,
  actor: Actor,
): Promise<Category> {
  await uniqueSlug('category', () =>
    inTransaction(db, async (tx) => {
      const current = await requireCategory(tx, id, 'id');
      if (patch.parentId) await refuseCycle(tx, id, patch.parentId);
      if (patch.specKind && patch.specKind !== current.spec_kind && (await categoryHasProducts(tx, id)))
        throw new Conflict('Products of this category have specifications of its current kind', {
          specKind: 'the category has products',
        });
      const row = {
        ...current,
        ...(patch.slug !== undefined && { slug: patch.slug }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.nameKm !== undefined && { name_km: patch.nameKm }),
        ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
        ...(patch.specKind !== undefined && { spec_kind: patch.specKind }),
        ...(patch.position !== undefined && { position: patch.position }),
        updated_at: Date.now(),
      };
      await updateCategoryRow(tx, row);
      if (
        row.name !== current.name ||
        row.name_km !== current.name_km ||
        row.parent_id !== current.parent_id
      ) {
        await reindexCategory(tx, id);
      }
      await recordWrite(tx, actor, 'category', { before: current, after: row });
    }),
  );
  return (await listCategories(db)).find((c) => c.id === id)!;
}

export async function createBrand(db: Db, input: BrandInput, actor: Actor): Promise<Brand> {
  const id = newId();
  await uniqueSlug('brand', () =>
    inTransaction(db, async (tx) => {
      const now = Date.now();
      const row = {
        id,
        slug: input.slug ?? slugify(input.name, id.toLowerCase()),
        name: input.name,
        created_at: now,
        updated_at: now,
      };
      await insertRecorded(tx, actor, 'brand', insertBrandRow, row, now);
    }),
  );
  return (await listBrands(db)).find((b) => b.id === id)!;
}

export async function updateBrand(db: Db, id: string, patch: BrandPatch, actor: Actor): Promise<Brand> {
  await uniqueSlug('brand', () =>
    inTransaction(db, async (tx) => {
      const current = await findBrandRow(tx, id);
      if (!current) throw new NotFound('There is no brand with this id');
      const row = {
        ...current,
        ...(patch.slug !== undefined && { slug: patch.slug }),
        ...(patch.name !== undefined && { name: patch.name }),
        updated_at: Date.now(),
      };
      await updateBrandRow(tx, row);
      if (row.name !== current.name) await reindexWhere(tx, 'brand_id', [id]);
      await recordWrite(tx, actor, 'brand', { before: current, after: row });
    }),
  );
  return (await listBrands(db)).find((b) => b.id === id)!;
}

/** A new category or brand: its row, with the audit row and change-feed entry of its creation. */
async function insertRecorded<Row extends { id: string }>(
  tx: Tx,
  actor: Actor,
  entity: TaxonomyEntity,
  insert: (tx: Tx, row: Row) => Promise<void>,
  row: Row,
  now: number,
): Promise<void> {
  await insert(tx, row);
  await recordWrite(tx, actor, entity, { after: row }, now);
}

/**
 * The audit row and change-feed entry of a category or brand written in this transaction (`before`: the row it
 * replaced, none for a new one). Last in the transaction, after any re-indexing, as the feed asks (change-log.ts).
 */
async function recordWrite(
  tx: Tx,
  actor: Actor,
  entity: TaxonomyEntity,
  change: { before?: { id: string }; after: { id: string } },
  now?: number,
): Promise<void> {
  const entityId = change.after.id;
  await recordAudit(
    tx,
    actor,
    { action: `${entity}.${change.before ? 'update' : 'create'}`, entity, entityId, ...change },
    now,
  );
  await recordChanges(tx, [{ entity, entityId, operation: 'upsert' }], now);
}

async function requireCategory(tx: Tx, id: string, field: string) {
  const category = await findCategoryRow(tx, id);
  if (category) return category;
  if (field === 'id') throw new NotFound('There is no category with this id');
  throw new Invalid('The parent category does not exist', { [field]: 'no such category' });
}

/** A category cannot become its own ancestor. */
async function refuseCycle(tx: Tx, id: string, parentId: string): Promise<void> {
  await requireCategory(tx, parentId, 'parentId');
  const parents = new Map((await categoryParents(tx)).map((c) => [c.id, c.parent_id]));
  for (let at: string | null | undefined = parentId; at; at = parents.get(at)) {
    if (at === id)
      throw new Invalid('A category cannot be placed under itself', { parentId: 'would make a loop' });
  }
}

async function reindexCategory(tx: Tx, id: string): Promise<void> {
  const all = await categoryParents(tx);
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const c of all) if (c.parent_id === ids[i]) ids.push(c.id);
  await reindexWhere(tx, 'category_id', ids);
}

const REINDEX_BATCH = 500;

async function reindexWhere(tx: Tx, column: 'brand_id' | 'category_id', ids: string[]): Promise<void> {
  for (let offset = 0; ; offset += REINDEX_BATCH) {
    const rows = await productRowsOf(tx, column, ids, offset, REINDEX_BATCH);
    if (rows.length === 0) return;
    await reindexProducts(tx, await describeForIndex(tx, rows));
  }
}

async function uniqueSlug<T>(what: 'category' | 'brand', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict(`Another ${what} already has this slug`, { slug: 'already used' });
    throw error;
  }
}
