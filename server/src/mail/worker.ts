import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { claimMail, findClaimedMail, findDueMailIds, markMailSent, recordMailFailure } from './outbox-repo';
import type { MailSender } from './sender';

export interface OutboxWorker {
  /** Process due mails now (tests, and right after enqueue); resolves with how many were sent. */
  runOnce(now?: number): Promise<number>;
  /** Stops polling and waits for the pass in progress (its current sends) to end. */
  stop(): Promise<void>;
}

export interface OutboxWorkerDeps {
  db: Db;
  sender: MailSender;
  logger: Logger;
  /** The From of every mail, or where to read it at each mail (the back office's sender, mail/shop-mail.ts). */
  from: string | (() => Promise<string>);
  pollMs: number;
  /** Who holds a claim (email_outbox.claimed_by, at most 40 characters); unique per process by default. */
  instanceId?: string;
}

/** After this many failed attempts a mail is given up ('failed') and an error is logged. */
export const MAX_ATTEMPTS = 10;
/**
 * Mails whose body is a credential (a code, a reset or invitation link): emptied once sent, so no copy of the
 * database holds one that still works.
 */
const SECRET_TEMPLATES: ReadonlySet<string> = new Set([
  'verify-email',
  'login-code',
  'password-reset',
  'staff-invitation',
  // A guest's order mails carry a key to the order's page (orders/access.ts): no copy of it outlives the sending.
  'order-placed',
  'payment-received',
  'order-ready',
  'order-shipped',
  'payment-proof-rejected',
]);
/** A claim outlives any one SMTP exchange (the sender's timeouts are 10–30 s); a crashed worker's claims expire. */
export const CLAIM_MS = 2 * 60_000;
const BATCH = 25;
const MAX_BATCHES_PER_PASS = 20;
const CONCURRENCY = 3;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 60 * 60_000;
const MAX_ERROR_PAUSE_MS = 60_000;

/** Delay before the next try after `attempts` failures: ~5 s, doubling, at most 1 h, with ±20 % jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);
  return Math.round(Math.min(BACKOFF_MAX_MS, base * (0.8 + 0.4 * random())));
}

/**
 * Sends what email_outbox holds. Several processes may run one each against the same database: a mail is sent by
 * whoever claims it with a conditional UPDATE (affected rows = 1), so two never send the same mail. No transaction
 * is open while SMTP is talked to (on SQLite that would stall every query of the process); every statement is a
 * short single-row one.
 */
export function startOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { db, sender, logger, from, pollMs } = deps;
  const instanceId = (deps.instanceId ?? defaultInstanceId()).slice(0, 40);
  const log = logger.child({ component: 'mail-outbox' });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let consecutiveErrors = 0;

  /** One pass at a time per worker: a call made during a pass runs after it. */
  const runOnce = (now?: number): Promise<number> => {
    const run = current.then(() => (stopped ? 0 : pass(now)));
    current = run.catch(() => undefined);
    return run;
  };

  async function pass(fixedNow: number | undefined): Promise<number> {
    const clock = () => fixedNow ?? Date.now();
    let sent = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS && !stopped; batch++) {
      const now = clock();
      const due = await findDueMailIds(db, now, BATCH);
      let next = 0;
      const lane = async () => {
        while (!stopped && next < due.length) {
          const id = due[next++]!.id;
          if (await deliver(id, clock)) sent++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, lane));
      if (due.length < BATCH) break;
    }
    return sent;
  }

  /** Claims, sends and records one mail; true when it was sent. Never throws. */
  async function deliver(id: string, clock: () => number): Promise<boolean> {
    let row;
    try {
      const now = clock();
      const claimed = await claimMail(db, id, { by: instanceId, now, claimedUntil: now + CLAIM_MS });
      if (!claimed) return false; // another worker has it
      row = await findClaimedMail(db, id, instanceId);
      if (!row) return false;
    } catch (error) {
      log.error({ err: error, outboxId: id }, 'mail outbox: could not claim a mail');
      return false;
    }
    // The subject is not logged: templates keep codes out of it, but it is the mail's content all the same.
    const about = { outboxId: row.id, template: row.template, to: row.to_address };

    let result: Awaited<ReturnType<MailSender['send']>>;
    try {
      result = await sender.send({
        from: typeof from === 'string' ? from : await from(),
        to: row.to_address,
        subject: row.subject,
        html: row.html,
        text: row.text,
        id: row.id,
      });
    } catch (error) {
      await recordFailure(row.id, row.attempts + 1, error, about, clock);
      return false;
    }

    try {
      // Sent is a fact, whoever holds the claim now. Codes and reset links are secrets: once delivered, the outbox
      // keeps no copy of them.
      await markMailSent(db, row.id, {
        sentAt: clock(),
        attempts: row.attempts + 1,
        forgetBody: SECRET_TEMPLATES.has(row.template),
      });
    } catch (error) {
      // The claim expires and the mail is sent again: at least once rather than lost.
      log.error({ err: error, ...about }, 'mail outbox: sent, but could not record it');
    }
    const fields = { ...about, messageId: result.messageId, attempts: row.attempts + 1 };
    if (result.file) log.debug(fields, 'mail written');
    else log.info(fields, 'mail sent');
    return true;
  }

  async function recordFailure(
    id: string,
    attempts: number,
    error: unknown,
    about: Record<string, unknown>,
    clock: () => number,
  ): Promise<void> {
    const reason = errorText(error);
    const permanent = isPermanentRejection(error);
    const giveUp = permanent || attempts >= MAX_ATTEMPTS;
    const delayMs = retryDelayMs(attempts);
    try {
      await recordMailFailure(db, id, instanceId, {
        attempts,
        giveUp,
        nextAttemptAt: giveUp ? clock() : clock() + delayMs,
        lastError: reason.slice(0, 1000),
      });
    } catch (dbError) {
      log.error({ err: dbError, ...about }, 'mail outbox: could not record a failed attempt');
      return;
    }
    if (giveUp)
      log.error(
        { ...about, attempts, reason },
        permanent ? 'mail rejected by the SMTP server; not retried' : 'mail failed after the last attempt',
      );
    else log.warn({ ...about, attempts, retryInMs: delayMs, reason }, 'mail not sent yet; will retry');
  }

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), delayMs);
    timer.unref();
  };

  async function tick(): Promise<void> {
    timer = undefined;
    try {
      await runOnce();
      consecutiveErrors = 0;
    } catch (error) {
      consecutiveErrors++;
      log.error({ err: error, consecutiveErrors }, 'mail outbox: pass failed; will try again');
    }
    schedule(Math.min(pollMs * 2 ** Math.min(consecutiveErrors, 16), Math.max(pollMs, MAX_ERROR_PAUSE_MS)));
  }

  schedule(pollMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current;
    },
  };
}

function defaultInstanceId(): string {
  const suffix = `-${process.pid}-${randomBytes(3).toString('hex')}`;
  return `${os.hostname().slice(0, 40 - suffix.length)}${suffix}`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** The server refused the recipient for good (5xx on RCPT TO): trying again cannot help. */
function isPermanentRejection(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown };
  return e.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}
