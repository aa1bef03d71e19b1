import type { Db } from '../../db/database';
import type { AuditLogTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';

/** The SQL of the audit log: rows are only ever appended, inside the transaction of the change they describe. */

export async function insertAuditRows(tx: Tx, rows: AuditLogTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('audit_log').values(rows).execute();
}

/** How many rows record `action`: of one entity, of none (`null`), or of any (`undefined`). */
export async function countAuditRows(db: Db, action: string, entityId?: string | null): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .$if(entityId !== undefined, (q) => q.where('entity_id', entityId === null ? 'is' : '=', entityId!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
