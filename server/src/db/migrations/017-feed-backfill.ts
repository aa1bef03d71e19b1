import type { MigrationDb } from '../ddl';

/**
 * Issue 11, the counters' first pull: the change feed must hold everything a counter keeps. The catalog and stock
 * have been in the feed since 001 (every catalog and stock writer records its change, the seeds too); accounts and
 * settings were not, so this adds one `upsert` for each active customer, each staff member and admin (any status:
 * a disabled one reaches counters as inactive) and each setting a counter uses (whether stored or not: the counter
 * gets the value with the server's defaults). Re-recording the catalog would double every counter's first pull for
 * nothing, since a change carries the entity as it is when pulled, not as it was written.
 *
 * One transaction, numbers taken from the feed's counter row as change-log.ts does: on a failure nothing is
 * written and the migration can run again. Frozen in time: it does not use today's change-log module.
 */
const COUNTER_SETTING_KEYS = ['shop.identity', 'orders.pricing', 'invoice.vat', 'payments.merchant'];
const CHUNK = 500;

export async function up(db: MigrationDb): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const users = (await tx
      .selectFrom('users')
      .select(['id', 'role'])
      .where((eb) => eb.or([eb('role', '!=', 'customer'), eb('status', '=', 'active')]))
      .orderBy('id')
      .execute()) as { id: string; role: string }[];
    const changes = [
      ...users.map((user) => ({
        entity: user.role === 'customer' ? 'customer' : 'staff',
        entity_id: user.id,
      })),
      ...COUNTER_SETTING_KEYS.map((key) => ({ entity: 'setting', entity_id: key })),
    ];
    await tx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', changes.length) }))
      .where('name', '=', 'change_log')
      .execute();
    const { value } = (await tx
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'change_log')
      .executeTakeFirstOrThrow()) as { value: number | string };
    const first = Number(value) - changes.length + 1;
    const now = Date.now();
    for (let i = 0; i < changes.length; i += CHUNK)
      await tx
        .insertInto('change_log')
        .values(
          changes.slice(i, i + CHUNK).map((change, j) => ({
            seq: first + i + j,
            ...change,
            operation: 'upsert',
            created_at: now,
          })),
        )
        .execute();
  });
}

/** The backfilled changes stay: a feed only grows, and counters may already have pulled them. */
export async function down(): Promise<void> {}
