import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { pageOf, type PageRequest } from '../../db/paging';
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

export interface AuditFilter {
  actorId?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Epoch ms, `from` included, `until` not. */
  from?: number | undefined;
  until?: number | undefined;
  /** Words in the action, the entity's id or what changed, in any case. */
  text?: string | undefined;
}

/** A page of audit rows, newest first, each with the name and address of the user who acted (none: the system). */
export async function pageOfAuditRows(db: Db, filter: AuditFilter, page: PageRequest) {
  const matching = db
    .selectFrom('audit_log as a')
    .$if(filter.actorId !== undefined, (q) => q.where('a.actor_id', '=', filter.actorId!))
    .$if(filter.action !== undefined, (q) => q.where('a.action', '=', filter.action!))
    .$if(filter.entity !== undefined, (q) => q.where('a.entity', '=', filter.entity!))
    .$if(filter.entityId !== undefined, (q) => q.where('a.entity_id', '=', filter.entityId!))
    .$if(filter.from !== undefined, (q) => q.where('a.created_at', '>=', filter.from!))
    .$if(filter.until !== undefined, (q) => q.where('a.created_at', '<', filter.until!))
    .$if(filter.text !== undefined, (q) => {
      const pattern = likePattern(filter.text!);
      // '!' escapes: SQLite has no default LIKE escape and MySQL reads a backslash in a literal as one itself.
      const like = (column: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '!'`;
      return q.where((eb) =>
        eb.or([like('a.action'), like('a.entity_id'), like('a.before_json'), like('a.after_json')]),
      );
    });
  return pageOf(
    matching
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .selectAll('a')
      .select(['u.name as actor_name', 'u.email as actor_email'])
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc'),
    matching,
    page,
  );
}

export type AuditRow = Awaited<ReturnType<typeof pageOfAuditRows>>['rows'][number];

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
