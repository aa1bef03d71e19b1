import type { z } from 'zod';
import type { signInRecordSchema } from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { NotFound } from '../../http/errors';
import { findUserById } from '../accounts/repo';
import { liveSessionIds, pageOfSignIns, signInActions, type SignInOutcome } from './sign-ins-repo';

type SignInRecord = z.infer<typeof signInRecordSchema>;

/**
 * An account's sign-ins as the audit log recorded them: every session granted, every password that did not match,
 * every code mailed after a right password. The browser is known from this release on (older rows have none).
 */
export async function listSignIns(
  db: Db,
  userId: string,
  query: { outcome?: SignInOutcome | undefined; page: number; pageSize: number },
  now = Date.now(),
) {
  if (!(await findUserById(db, userId))) throw new NotFound('There is no such account');
  const found = await pageOfSignIns(db, userId, query.outcome, query);
  const details = found.rows.map((row) => detailsOf(row.after_json));
  const live = await liveSessionIds(
    db,
    details.flatMap((d) => (d.sessionId ? [d.sessionId] : [])),
    now,
  );
  const outcomeOf = (action: string) =>
    (Object.keys(signInActions) as SignInOutcome[]).find((o) => signInActions[o] === action) ?? 'failed';
  return pageAnswer(
    { rows: found.rows.map((row, i) => ({ row, detail: details[i]! })), total: found.total },
    ({ row, detail }): SignInRecord => ({
      id: row.id,
      at: Number(row.created_at),
      outcome: outcomeOf(row.action),
      ip: row.ip,
      userAgent: detail.userAgent,
      secondFactor: detail.secondFactor,
      sessionLive: detail.sessionId !== null && live.has(detail.sessionId),
    }),
    query,
  );
}

function detailsOf(json: string | null): {
  sessionId: string | null;
  userAgent: string | null;
  secondFactor: string | null;
} {
  let after: Record<string, unknown> = {};
  try {
    after = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  } catch {
    // An audit row is evidence, not input: an unreadable one still shows when and from where.
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    sessionId: text(after.sessionId),
    userAgent: text(after.userAgent),
    secondFactor: text(after.secondFactor),
  };
}
