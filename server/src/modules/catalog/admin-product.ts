import type { AdminProduct } from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import { toProductDetail } from './present';
import { findProductCosts, findProductDetail } from './repo';

/**
 * A product as admins see it: the public detail (active or not) with its cost price and reorder level. Only the
 * admin product routes answer this; the public catalog, its cache and the counters' feed never read these columns.
 */
export async function getAdminProduct(db: Db, id: string): Promise<AdminProduct> {
  const [row, own] = await Promise.all([
    findProductDetail(db, id, { includeInactive: true }),
    findProductCosts(db, id),
  ]);
  if (!row || !own) throw new NotFound('There is no product with this id');
  const numberOrNull = (v: number | string | null | undefined) =>
    v === null || v === undefined ? null : Number(v);
  return {
    ...toProductDetail(row),
    costCents: numberOrNull(own.cost_cents),
    reorderLevel: numberOrNull(own.reorder_level),
  };
}
