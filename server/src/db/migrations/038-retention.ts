import { type MigrationDb, addColumn, createIndex, isMysql } from '../ddl';

/**
 * Issue 19 item 4, tables that do not grow forever (docs/decisions/0015-retention.md):
 * - `change_log_entity_idx`: the changes of one item in sequence order, so compaction finds the older changes a newer
 *   one of the same item supersedes by key, never by scanning the feed;
 * - the counters `change_log_compacted` (the seq up to which the feed was compacted), `change_log_horizon` (the
 *   highest seq of a change compaction removed without a newer one of its item: a counter whose cursor is below it
 *   may have missed a delete and pulls afresh) with `change_log_horizon_at` (when it was last raised), `retention_run` (when a
 *   pruning run last started, so one process of many runs it) and `retention_audit_through` (the time up to which
 *   audit rows were looked at, so a run reads only the rows that came of age since the last).
 * - `devices.pull_started_at`: when the counter last asked for the feed from 0. A pull that began after the horizon
 *   was raised cannot have seen what compaction removed, so it is not told to pull afresh again on its way up.
 * Re-runnable: createIndex and addColumn skip what exists, the counters are added once.
 */
const COUNTERS = [
  'change_log_compacted',
  'change_log_horizon',
  'change_log_horizon_at',
  'retention_run',
  'retention_audit_through',
];

export async function up(db: MigrationDb): Promise<void> {
  await createIndex(db, 'change_log_entity_idx', 'change_log', ['entity', 'entity_id', 'seq']);
  await addColumn(db, 'devices', 'pull_started_at', 'bigint');
  const present = new Set(
    (await db.selectFrom('counters').select('name').where('name', 'in', COUNTERS).execute()).map(
      (row: { name: string }) => row.name,
    ),
  );
  const missing = COUNTERS.filter((name) => !present.has(name));
  if (missing.length)
    await db
      .insertInto('counters')
      .values(missing.map((name) => ({ name, value: 0 })))
      .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('counters').where('name', 'in', COUNTERS).execute();
  await db.schema.alterTable('devices').dropColumn('pull_started_at').execute();
  const drop = db.schema.dropIndex('change_log_entity_idx');
  await (isMysql(db) ? drop.on('change_log') : drop).ifExists().execute();
}
