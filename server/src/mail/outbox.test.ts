import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCode, startSmtpServer, type TestSmtpServer } from '../../test/smtp';
import { openTestDatabase, startTestServer } from '../../test/support';
import { loadConfig } from '../config';
import type { ShopDatabase } from '../db/database';
import { inTransaction } from '../db/transaction';
import { createLogger } from '../logger';
import { setSetting } from '../modules/settings/service';
import { enqueueMail } from './outbox';
import { createMailSender, createSmtpSender } from './sender';
import { startOutboxWorker, type OutboxWorker } from './worker';

const FROM = '"Computer Shop" <shop@example.test>';
const NEVER = 3_600_000; // poll interval for workers the tests drive by hand with runOnce()

function captureLogger() {
  const lines: string[] = [];
  const logger = createLogger('debug', {
    write: (line: string) => {
      lines.push(line);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  return { logger, lines };
}

describe('mail outbox', () => {
  let database: ShopDatabase & { drop(): Promise<void> };
  let smtp: TestSmtpServer;
  const cleanup: (() => Promise<void>)[] = [];

  /** A worker sending through SMTP at `url`, stopped (with its sender) after the file's tests. */
  function smtpWorker(url: string, instanceId?: string): { worker: OutboxWorker; lines: string[] } {
    const { logger, lines } = captureLogger();
    const sender = createSmtpSender(url, logger);
    const worker = startOutboxWorker({
      db: database.db,
      sender,
      logger,
      from: FROM,
      pollMs: NEVER,
      instanceId,
    });
    cleanup.push(async () => {
      await worker.stop();
      await sender.close();
    });
    return { worker, lines };
  }

  const outboxRow = (id: string) =>
    database.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await openTestDatabase();
    smtp = await startSmtpServer();
    await inTransaction(database.db, (tx) =>
      setSetting(tx, 'shop.identity', {
        name: 'Angkor Computers',
        nameKm: 'អង្គរ កុំព្យូទ័រ',
        phone: '+855 12 345 678',
        supportEmail: 'help@angkor.example',
      }),
    );
  });

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
    await smtp?.stop();
    await database?.drop();
  });

  it('never sends a mail whose transaction rolled back', async () => {
    const { worker } = smtpWorker(smtp.url);
    const to = 'rollback@example.test';
    await expect(
      inTransaction(database.db, async (tx) => {
        await enqueueMail(tx, {
          to,
          locale: 'en',
          template: 'verify-email',
          data: { code: '111111' },
        });
        throw new Error('the sign-up failed after the mail was queued');
      }),
    ).rejects.toThrow('the sign-up failed');

    expect(await worker.runOnce()).toBe(0);
    const rows = await database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('to_address', '=', to)
      .execute();
    expect(rows).toHaveLength(0);
    expect(smtp.messages.filter((m) => m.to === to)).toHaveLength(0);
  });

  it('sends a committed mail to the SMTP server with both parts and marks it sent', async () => {
    const { worker, lines } = smtpWorker(smtp.url);
    const to = 'sopheap@example.test';
    const id = await inTransaction(database.db, (tx) =>
      enqueueMail(tx, { to, locale: 'km', template: 'verify-email', data: { code: '604213' } }),
    );
    expect((await outboxRow(id)).status).toBe('pending');

    expect(await worker.runOnce()).toBe(1);
    const mail = await smtp.waitFor((m) => m.to === to);
    expect(mail.subject).toBe('ផ្ទៀងផ្ទាត់អាសយដ្ឋានអ៊ីមែលរបស់អ្នក – អង្គរ កុំព្យូទ័រ');
    expect(mail.from).toBe('shop@example.test');
    expect(extractCode(mail)).toBe('604213');
    expect(mail.text).toContain('ជម្រាបសួរ'); // a code mail greets nobody by name (templates.ts)
    expect(mail.html).toContain('604213');
    expect(mail.html).toContain('អង្គរ កុំព្យូទ័រ');
    expect(mail.messageId).toBe(`<${id.toLowerCase()}@example.test>`);

    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, claimed_until: null });
    expect(row.sent_at).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('604213');
  });

  it('keeps a mail while SMTP is down and delivers it exactly once when it is back', async () => {
    const probe = await startSmtpServer();
    const { port } = probe;
    await probe.stop();
    const { worker, lines } = smtpWorker(`smtp://127.0.0.1:${port}`);
    const to = 'patient@example.test';
    const id = await inTransaction(database.db, (tx) =>
      enqueueMail(tx, { to, locale: 'en', template: 'login-code', data: { name: 'Vibol', code: '930571' } }),
    );

    const before = Date.now();
    expect(await worker.runOnce()).toBe(0);
    const failed = await outboxRow(id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, claimed_by: null, claimed_until: null });
    expect(failed.next_attempt_at).toBeGreaterThanOrEqual(before + 3_000);
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(lines.join('\n')).toContain('will retry');
    expect(lines.join('\n')).not.toContain('930571');

    const back = await startSmtpServer({ port });
    cleanup.push(() => back.stop());
    expect(await worker.runOnce()).toBe(0); // still backing off
    expect(back.messages).toHaveLength(0);

    expect(await worker.runOnce(Date.now() + 60_000)).toBe(1);
    expect(await worker.runOnce(Date.now() + 2 * NEVER)).toBe(0);
    const received = back.messages.filter((m) => m.to === to);
    expect(received).toHaveLength(1);
    expect(extractCode(received[0]!)).toBe('930571');
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('lets two workers share the queue without sending any mail twice', async () => {
    const a = smtpWorker(smtp.url, 'worker-a');
    const b = smtpWorker(smtp.url, 'worker-b');
    const recipients = Array.from({ length: 20 }, (_, i) => `bulk-${i}@example.test`);
    const ids = await inTransaction(database.db, async (tx) => {
      const queued: string[] = [];
      for (const [i, to] of recipients.entries()) {
        const code = String(100000 + i);
        queued.push(
          await enqueueMail(tx, {
            to,
            locale: 'en',
            template: 'login-code',
            data: { name: `Customer ${i}`, code },
          }),
        );
      }
      return queued;
    });

    const [sentByA, sentByB] = await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
    expect(sentByA + sentByB).toBe(20);
    await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);

    const received = smtp.messages.filter((m) => m.to.startsWith('bulk-'));
    expect(received).toHaveLength(20);
    expect(new Set(received.map((m) => m.to))).toEqual(new Set(recipients));
    const rows = await database.db
      .selectFrom('email_outbox')
      .select(['status', 'attempts', 'claimed_by'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    const byA = rows.filter((r) => r.claimed_by === 'worker-a').length;
    expect(byA).toBe(sentByA);
    expect(rows.length - byA).toBe(sentByB);
  });

  it('without SMTP_URL writes readable .eml files and logs their path, never the code or link', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-mail-'));
    cleanup.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.smtpUrl).toBeNull();
    const { logger, lines } = captureLogger();
    const sender = createMailSender(config, logger);
    const worker = startOutboxWorker({
      db: database.db,
      sender,
      logger,
      from: config.mailFrom,
      pollMs: NEVER,
    });
    cleanup.push(async () => {
      await worker.stop();
      await sender.close();
    });

    const to = 'tryout@example.test';
    const resetUrl = 'http://localhost:3000/reset-password?token=Zq8secretResetToken';
    const [verifyId, resetId] = await inTransaction(database.db, async (tx) => [
      await enqueueMail(tx, {
        to,
        locale: 'en',
        template: 'verify-email',
        data: { code: '482913' },
      }),
      await enqueueMail(tx, {
        to,
        locale: 'km',
        template: 'password-reset',
        data: { resetUrl },
      }),
    ]);
    expect(await worker.runOnce()).toBe(2);

    const written = lines.map((line) => JSON.parse(line)).filter((e) => e.msg === 'mail written to file');
    expect(written).toHaveLength(2);
    for (const entry of written) {
      expect(entry.to).toBe(to);
      expect(path.dirname(entry.file)).toBe(path.join(dataDir, 'mail'));
      expect(entry.file).toMatch(/\.eml$/);
      expect(fs.existsSync(entry.file)).toBe(true);
    }
    const verifyFile = written.find((e) => e.outboxId === verifyId).file;
    const parsed = await simpleParser(fs.readFileSync(verifyFile));
    expect(parsed.subject).toBe('Verify your email address – Angkor Computers');
    expect(parsed.text).toMatch(/^\s*482913\s*$/m);
    expect(parsed.html).toContain('482913');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe(to);
    const resetFile = written.find((e) => e.outboxId === resetId).file;
    expect((await simpleParser(fs.readFileSync(resetFile))).text).toContain(resetUrl);

    const log = lines.join('\n');
    expect(log).not.toContain('482913');
    expect(log).not.toContain('Zq8secretResetToken');
    expect(fs.readdirSync(path.join(dataDir, 'mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
  });

  it('runs in the server: polls the outbox, sends through SMTP_URL and stops with it', async () => {
    const server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50' } });
    try {
      const to = 'server@example.test';
      await inTransaction(server.database.db, (tx) =>
        enqueueMail(tx, {
          to,
          locale: 'en',
          template: 'password-changed',
          data: { name: 'Chenda' },
        }),
      );
      const mail = await smtp.waitFor((m) => m.to === to, 10_000);
      expect(mail.subject).toBe('Your password was changed – Computer Shop');
      expect(mail.text).toContain("If this wasn't you");
    } finally {
      await server.stop();
    }
  });
});
