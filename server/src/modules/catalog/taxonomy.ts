import type { Brand, BrandInput, BrandPatch, Category, CategoryInput, CategoryPatch } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { recordChanges } from '../sync/change-log';
import { reindexProducts } from './product-writer';
import { findBrands, findCategories } from './repo';
import { describeForIndex } from './service';
import { slugify } from './slugs';

/** Categories and brands of the back office. Their names are part of product search terms, so renames re-index. */

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
      await tx.insertInto('categories').values(row).execute();
      await recordAudit(
        tx,
        actor,
        { action: 'category.create', entity: 'category', entityId: id, after: row },
        now,
      );
      await recordChanges(tx, [{ entity: 'category', entityId: id, operation: 'upsert' }], now);
    }),
  );
  return (await findCategories(db)).find((c) => c.id === id)!;
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
      if (patch.specKind && patch.specKind !== current.spec_kind) {
        const used = await tx
          .selectFrom('products')
          .select('id')
          .where('category_id', '=', id)
          .limit(1)
          .executeTakeFirst();
        if (used)
          throw new Conflict('Products of this category have specifications of its current kind', {
            specKind: 'the category has products',
          });
      }
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
      const { id: _id, ...changes } = row;
      await tx.updateTable('categories').set(changes).where('id', '=', id).execute();
      if (
        row.name !== current.name ||
        row.name_km !== current.name_km ||
        row.parent_id !== current.parent_id
      ) {
        await reindexCategory(tx, id);
      }
      await recordAudit(tx, actor, {
        action: 'category.update',
        entity: 'category',
        entityId: id,
        before: current,
        after: row,
      });
      await recordChanges(tx, [{ entity: 'category', entityId: id, operation: 'upsert' }]);
    }),
  );
  return (await findCategories(db)).find((c) => c.id === id)!;
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
      await tx.insertInto('brands').values(row).execute();
      await recordAudit(
        tx,
        actor,
        { action: 'brand.create', entity: 'brand', entityId: id, after: row },
        now,
      );
      await recordChanges(tx, [{ entity: 'brand', entityId: id, operation: 'upsert' }], now);
    }),
  );
  return (await findBrands(db)).find((b) => b.id === id)!;
}

export async function updateBrand(db: Db, id: string, patch: BrandPatch, actor: Actor): Promise<Brand> {
  await uniqueSlug('brand', () =>
    inTransaction(db, async (tx) => {
      const current = await tx.selectFrom('brands').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw new NotFound('There is no brand with this id');
      const row = {
        ...current,
        ...(patch.slug !== undefined && { slug: patch.slug }),
        ...(patch.name !== undefined && { name: patch.name }),
        updated_at: Date.now(),
      };
      const { id: _id, ...changes } = row;
      await tx.updateTable('brands').set(changes).where('id', '=', id).execute();
      if (row.name !== current.name) await reindexWhere(tx, 'brand_id', [id]);
      await recordAudit(tx, actor, {
        action: 'brand.update',
        entity: 'brand',
        entityId: id,
        before: current,
        after: row,
      });
      await recordChanges(tx, [{ entity: 'brand', entityId: id, operation: 'upsert' }]);
    }),
  );
  return (await findBrands(db)).find((b) => b.id === id)!;
}

async function requireCategory(tx: Tx, id: string, field: string) {
  const category = await tx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  if (category) return category;
  if (field === 'id') throw new NotFound('There is no category with this id');
  throw new Invalid('The parent category does not exist', { [field]: 'no such category' });
}

/** A category cannot become its own ancestor. */
async function refuseCycle(tx: Tx, id: string, parentId: string): Promise<void> {
  await requireCategory(tx, parentId, 'parentId');
  const parents = new Map(
    (await tx.selectFrom('categories').select(['id', 'parent_id']).execute()).map((c) => [c.id, c.parent_id]),
  );
  for (let at: string | null | undefined = parentId; at; at = parents.get(at)) {
    if (at === id)
      throw new Invalid('A category cannot be placed under itself', { parentId: 'would make a loop' });
  }
}

async function reindexCategory(tx: Tx, id: string): Promise<void> {
  const all = await tx.selectFrom('categories').select(['id', 'parent_id']).execute();
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const c of all) if (c.parent_id === ids[i]) ids.push(c.id);
  await reindexWhere(tx, 'category_id', ids);
}

const REINDEX_BATCH = 500;

async function reindexWhere(tx: Tx, column: 'brand_id' | 'category_id', ids: string[]): Promise<void> {
  for (let offset = 0; ; offset += REINDEX_BATCH) {
    const rows = await tx
      .selectFrom('products')
      .selectAll()
      .where(column, 'in', ids)
      .orderBy('id')
      .limit(REINDEX_BATCH)
      .offset(offset)
      .execute();
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
