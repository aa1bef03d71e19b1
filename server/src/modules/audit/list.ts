import { fromShopWallClock, type AuditEntry, type AuditListQuery } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { pageOfAuditRows, type AuditRow } from './repo';

const DAY_MS = 24 * 60 * 60_000;

/** The audit log for the back office: filters as the query gives them, `from`/`to` whole shop days. */
export async function listAudit(db: Db, query: AuditListQuery) {
  const page = { page: query.page, pageSize: query.pageSize };
  const rows = await pageOfAuditRows(
    db,
    {
      actorId: query.actor,
      action: query.action,
      entity: query.entity,
      entityId: query.entityId,
      from: query.from === undefined ? undefined : shopDayStart(query.from),
      until: query.to === undefined ? undefined : shopDayStart(query.to) + DAY_MS,
      text: query.q,
    },
    page,
  );
  return pageAnswer(rows, presentAuditRow, page);
}

/** The instant the shop's day `YYYY-MM-DD` begins in Phnom Penh. */
function shopDayStart(day: string): number {
  return fromShopWallClock(new Date(`${day}T00:00:00Z`));
}

function presentAuditRow(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: Number(row.created_at),
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name, email: row.actor_email } : null,
    ip: row.ip,
    before: parseJson(row.before_json),
    after: parseJson(row.after_json),
  };
}

/** A row's before/after as written; text that is not JSON (never written so, but kept) is shown as it is. */
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
