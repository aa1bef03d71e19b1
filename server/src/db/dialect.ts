import {
  sql,
  type AnyColumn,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type RawBuilder,
  type UpdateObject,
} from 'kysely';
import { isMysql } from './ddl';
import type { Database } from './schema';

/**
 * The few places where the two dialects' queries differ (ddl.ts has those of the migrations). Modules use these
 * helpers and stay one query for both.
 */

/**
 * Joins its right side in the order written, for a query whose best plan starts with the left table: SQLite's
 * CROSS JOIN and MySQL's STRAIGHT_JOIN both mean that (and neither planner is told otherwise).
 */
export function joinInOrder(db: Pick<Kysely<unknown>, 'getExecutor'>): RawBuilder<unknown> {
  return isMysql(db) ? sql`straight_join` : sql`cross join`;
}

/**
 * INSERT that, when a row with the same `key` exists, updates it with `changes` instead: one atomic statement on
 * each dialect, `on duplicate key update` on MySQL and `on conflict (key) do update` on SQLite (Kysely's
 * `onConflict` is invalid SQL on MySQL). `key` must be the table's primary or unique key.
 */
export function orUpdate<DB, TB extends keyof DB, O>(
  db: Pick<Kysely<DB>, 'getExecutor'>,
  insert: InsertQueryBuilder<DB, TB, O>,
  key: AnyColumn<DB, TB>,
  changes: UpdateObject<DB, TB>,
): InsertQueryBuilder<DB, TB, O> {
  if (isMysql(db)) return insert.onDuplicateKeyUpdate(changes);
  // The same values on SQLite; its builder's type also offers the `excluded` row, which these changes do not use.
  return insert.onConflict((oc) => oc.column(key).doUpdateSet(changes as never));
}

/**
 * Runs an INSERT of `rows` rows into a table with an AUTO_INCREMENT key and answers the first key given. The drivers
 * disagree on which key they report for a multi-row insert: MySQL the first, SQLite (last_insert_rowid) the last.
 * The keys of one statement are consecutive on SQLite (one writer) and on MariaDB/MySQL with
 * `innodb_autoinc_lock_mode` 0 or 1 (1 is MariaDB's default: an insert whose row count is known takes a block).
 */
export async function insertAndTakeFirstKey<DB, TB extends keyof DB>(
  db: Pick<Kysely<DB>, 'getExecutor'>,
  insert: InsertQueryBuilder<DB, TB, InsertResult>,
  rows: number,
): Promise<number> {
  const { insertId } = await insert.executeTakeFirstOrThrow();
  if (insertId === undefined) throw new Error('the insert gave no AUTO_INCREMENT key');
  const key = Number(insertId);
  return isMysql(db) ? key : key - rows + 1;
}

/**
 * Adds `count` to the row `name` of `counters` and answers its new value (null when the row is missing), in one
 * statement where two would otherwise be needed (UPDATE, then SELECT): MySQL's `last_insert_id(expr)` hands the new
 * value back in the UPDATE's own answer (per connection, so no other writer's value), SQLite answers it with
 * `returning`. On MySQL the row stays locked until the transaction ends; the change feed's counter is held for
 * one round trip fewer.
 */
export async function addToCounter(
  db: Pick<Kysely<Database>, 'getExecutor'>,
  name: string,
  count: number,
): Promise<number | null> {
  if (isMysql(db)) {
    const bumped =
      await sql`update counters set value = last_insert_id(value + ${count}) where name = ${name}`.execute(
        db,
      );
    return Number(bumped.numAffectedRows) === 1 ? Number(bumped.insertId ?? 0) : null;
  }
  const { rows } = await sql<{
    value: number;
  }>`update counters set value = value + ${count} where name = ${name} returning value`.execute(db);
  return rows[0] ? Number(rows[0].value) : null;
}
