import type { Db } from '../../db/database';
import { addToCounter } from '../../db/dialect';
import type { ChangeLogTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of the change feed: its counter row and its entries. The order rules are change-log.ts's. */

/**
 * Adds `count` to a counter row and answers its new value, or null when the row is missing: one statement
 * (addToCounter). On MySQL the update holds the row's lock until the transaction ends.
 */
export async function bumpCounter(tx: Tx, name: string, count: number): Promise<number | null> {
  return addToCounter(tx, name, count);
}

/**
 * A reader of one counter's value (undefined when the row is missing) whose statement is built and compiled once:
 * for a counter read on every request, where building the query each time costs as much as running it.
 */
export function counterReader(db: Db, name: string): () => Promise<number | undefined> {
  const query = db.selectFrom('counters').select('value').where('name', '=', name).compile();
  return async () => {
    const row = (await db.executeQuery(query)).rows[0];
    return row ? Number(row.value) : undefined;
  };
}

/** A counter's value, or undefined when the row is missing. */
export async function findCounter(db: Db | Tx, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst();
  return row ? Number(row.value) : undefined;
}

export async function insertChanges(tx: Tx, rows: ChangeLogTable[]): Promise<void> {
  await tx.insertInto('change_log').values(rows).execute();
}

/** Up to `limit` entries after sequence number `after`, in sequence order. */
export async function changesAfter(db: Db, after: number, limit: number) {
  return db
    .selectFrom('change_log')
    .select(['seq', 'entity', 'entity_id', 'operation', 'created_at'])
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
