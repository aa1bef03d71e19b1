import { sql } from 'kysely';
import type { SpecKind } from '@shop/shared';
import type { Db } from '../../db/database';
import type { SavedBuildTable } from '../../db/schema';
import { productJoins, summaryColumns } from '../catalog/listing-repo';
import type { ProductRow } from '../catalog/present';

/** The SQL of the PC builder: the parts of a step, the picked products, saved builds by their id. */

export type PartRow = ProductRow & { active: number };

/** The products on sale in categories of these spec kinds, cheapest first. */
export async function activePartRows(db: Db, kinds: readonly SpecKind[]): Promise<PartRow[]> {
  const result = await sql<PartRow>`select ${summaryColumns}, p.active from ${productJoins}
    where p.active = 1 and c.spec_kind in (${sql.join(kinds)})
    order by p.price_cents, p.id`.execute(db);
  return result.rows;
}

/** These products, on sale or not, in no particular order. */
export async function partRowsByIds(db: Db, ids: readonly string[]): Promise<PartRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<PartRow>`select ${summaryColumns}, p.active from ${productJoins}
    where p.id in (${sql.join(ids)})`.execute(db);
  return result.rows;
}

export async function insertSavedBuild(db: Db, row: SavedBuildTable): Promise<void> {
  await db.insertInto('saved_builds').values(row).execute();
}

export async function findSavedBuild(db: Db, id: string): Promise<SavedBuildTable | undefined> {
  return db.selectFrom('saved_builds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes a build only where its owner is the caller: answers whether it did. */
export async function updateOwnSavedBuild(
  db: Db,
  id: string,
  ownerId: string,
  changes: Pick<SavedBuildTable, 'name' | 'picks_json' | 'updated_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('saved_builds')
    .set(changes)
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
