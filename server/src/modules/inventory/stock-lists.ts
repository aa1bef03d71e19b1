import type { z } from 'zod';
import type { lowStockQuerySchema, valuationQuerySchema, valuationSchema } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { stockLevelOf } from './stock-level';
import { pageOfLowStock, pageOfValuation } from './stock-lists-repo';

/** What to reorder, and what the shelves hold at cost (admins: cost prices are theirs alone). */

export async function listLowStock(db: Db, query: z.output<typeof lowStockQuerySchema>) {
  const found = await pageOfLowStock(db, query, query.sort, query);
  return pageAnswer(
    found,
    (row) => {
      const level = stockLevelOf(row);
      return {
        productId: row.id,
        sku: row.sku,
        name: row.name,
        ...level,
        shortfall: Math.max(level.reorderLevel - level.available, 0),
      };
    },
    query,
  );
}

export async function getStockValuation(
  db: Db,
  query: z.output<typeof valuationQuerySchema>,
): Promise<z.output<typeof valuationSchema>> {
  const { page, totals } = pageOfValuation(db, query, query.sort, query);
  const [found, sums] = await Promise.all([page, totals]);
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  return {
    ...pageAnswer(
      found,
      (row) => {
        const onHand = Number(row.on_hand);
        const cost = row.cost_cents === null || row.cost_cents === undefined ? null : Number(row.cost_cents);
        return {
          productId: row.id,
          sku: row.sku,
          name: row.name,
          onHand,
          costCents: cost,
          valueCents: cost === null ? null : onHand * cost,
        };
      },
      query,
    ),
    totals: {
      products: n(sums.products),
      units: n(sums.units),
      valueCents: n(sums.value_cents),
      uncostedProducts: n(sums.uncosted_products),
      uncostedUnits: n(sums.uncosted_units),
    },
  };
}
