import { newId } from '../../db/ids';
import type { Tx } from '../../db/transaction';
import type { AuditLogTable } from '../../db/schema';
import { insertAuditRows } from './repo';

/** Who is acting: a signed-in user (or none, for the system and seeds) and where the request came from. */
export interface Actor {
  userId: string | null;
  ip: string | null;
}

export const systemActor: Actor = { userId: null, ip: null };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit row inside the transaction of the change it describes, so one never exists without the other. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry, now = Date.now()): Promise<void> {
  await insertAuditRows(tx, [auditRow(actor, entry, now)]);
}

/** The row an audit entry is kept as (several are appended at once by a counter's pushed batch). */
export function auditRow(actor: Actor, entry: AuditEntry, now: number): AuditLogTable {
  return {
    id: newId(),
    actor_id: actor.userId,
    ip: actor.ip,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    created_at: now,
  };
}
