import type { Db } from '../db/database';
import type { EmailOutboxTable } from '../db/schema';
import type { Tx } from '../db/transaction';

/**
 * The SQL of the mail outbox: queueing a mail, and the claim → sent / failed steps of the workers. Every statement
 * touches one row or reads ids, and none runs in a transaction the worker holds while it talks to SMTP.
 */

export async function insertOutboxMail(tx: Db | Tx, row: EmailOutboxTable): Promise<void> {
  await tx.insertInto('email_outbox').values(row).execute();
}

/** Ids of pending mails due now and claimed by nobody (or by a worker whose claim ran out), oldest due first. */
export async function findDueMailIds(db: Db, now: number, limit: number): Promise<{ id: string }[]> {
  return db
    .selectFrom('email_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims one mail for a worker until `claimedUntil`, with a conditional update: true for the one worker whose update
 * changed the row, false for every other.
 */
export async function claimMail(
  db: Db,
  id: string,
  claim: { by: string; now: number; claimedUntil: number },
): Promise<boolean> {
  const { now } = claim;
  const result = await db
    .updateTable('email_outbox')
    .set({ claimed_by: claim.by, claimed_until: claim.claimedUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The mail a worker has claimed, as it will send it. */
export async function findClaimedMail(db: Db, id: string, claimedBy: string) {
  return db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'template', 'subject', 'html', 'text', 'attempts'])
    .where('id', '=', id)
    .where('claimed_by', '=', claimedBy)
    .executeTakeFirst();
}

/**
 * Records a mail as sent, whoever holds the claim now; claimed_by stays as the record of who sent it. With
 * `forgetBody` the HTML and text are emptied (mails carrying codes and reset links).
 */
export async function markMailSent(
  db: Db,
  id: string,
  sent: { sentAt: number; attempts: number; forgetBody: boolean },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({
      status: 'sent',
      sent_at: sent.sentAt,
      attempts: sent.attempts,
      claimed_until: null,
      last_error: null,
      ...(sent.forgetBody && { html: '', text: '' }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Records a failed try of a mail this worker holds: pending again from `nextAttemptAt`, or failed for good. */
export async function recordMailFailure(
  db: Db,
  id: string,
  claimedBy: string,
  failure: { attempts: number; giveUp: boolean; nextAttemptAt: number; lastError: string },
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({
      attempts: failure.attempts,
      status: failure.giveUp ? 'failed' : 'pending',
      next_attempt_at: failure.nextAttemptAt,
      claimed_by: null,
      claimed_until: null,
      last_error: failure.lastError,
    })
    .where('id', '=', id)
    .where('claimed_by', '=', claimedBy)
    .where('status', '=', 'pending')
    .execute();
}
