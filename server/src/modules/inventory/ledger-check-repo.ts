import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** A product whose counters are not the sum of its ledger rows. */
export interface LedgerDisagreement {
  productId: string;
  onHand: number;
  reserved: number;
  ledgerOnHand: number;
  ledgerReserved: number;
}

/**
 * Every product whose `on_hand` / `reserved` differ from the sums of its movements (at most `limit` of them), and
 * how many products were compared. Counters only ever move with their ledger row in one transaction (ledger.ts),
 * so on a consistent copy of the shop this is empty: a restore checks it before anyone sells from the copy.
 */
export async function countersOffTheLedger(
  db: Db,
  limit = 20,
): Promise<{ products: number; disagreements: LedgerDisagreement[] }> {
  const sums = db
    .selectFrom('stock_movements')
    .select((eb) => [
      'product_id',
      eb.fn.sum<number | string>('on_hand_delta').as('on_hand'),
      eb.fn.sum<number | string>('reserved_delta').as('reserved'),
    ])
    .groupBy('product_id')
    .as('ledger');
  const rows = await db
    .selectFrom('stock_levels as level')
    .leftJoin(sums, 'ledger.product_id', 'level.product_id')
    .select([
      'level.product_id',
      'level.on_hand',
      'level.reserved',
      sql<number | string>`coalesce(ledger.on_hand, 0)`.as('ledger_on_hand'),
      sql<number | string>`coalesce(ledger.reserved, 0)`.as('ledger_reserved'),
    ])
    .where(
      sql<boolean>`level.on_hand <> coalesce(ledger.on_hand, 0) or level.reserved <> coalesce(ledger.reserved, 0)`,
    )
    .orderBy('level.product_id')
    .limit(limit)
    .execute();
  const counted = await db
    .selectFrom('stock_levels')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    products: Number(counted.n),
    disagreements: rows.map((r) => ({
      productId: r.product_id,
      onHand: Number(r.on_hand),
      reserved: Number(r.reserved),
      ledgerOnHand: Number(r.ledger_on_hand),
      ledgerReserved: Number(r.ledger_reserved),
    })),
  };
}
