import { ApiError, type LoginResult, type Role } from '@shop/shared';
import { extractCode, startSmtpServer, type CapturedMail, type TestSmtpServer } from '../../../test/smtp';
import { browserClient, startTestServer, type TestServer } from '../../../test/support';
import { countAuditRows } from '../audit/repo';
import { createActiveUser } from './users';

/**
 * What the accounts abuse tests share: a real server and a real SMTP server on loopback, phones that connect from
 * their own loopback address (127.x.y.z, never X-Forwarded-For), and a look at what the server recorded.
 */
export interface AccountsTestKit {
  server: TestServer;
  smtp: TestSmtpServer;
  /** A browser tab on a phone with its own client address; `n` picks the address (127.<block>.<n/250>.<n%250+1>). */
  phone(n?: number): ReturnType<typeof browserClient>;
  newEmail(label: string): string;
  /** The n-th mail (from 1) to an address whose subject matches, waiting for it when it has not come yet. */
  mail(to: string, subject: RegExp, nth?: number): Promise<CapturedMail>;
  code(mail: CapturedMail): string;
  /** An active account made as the admin CLI makes them. */
  account(label: string, role?: Role): Promise<{ id: string; email: string; password: string }>;
  /** Passwords that were hashed and did not match (the audit rows of failed password checks). */
  failedChecks(userId?: string | null): Promise<number>;
  stop(): Promise<void>;
}

export async function startAccountsTestKit(block: number): Promise<AccountsTestKit> {
  const smtp = await startSmtpServer();
  const server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50' } });
  let phones = 0;
  let emails = 0;
  const address = (n: number) => `127.${block}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  return {
    server,
    smtp,
    phone: (n = ++phones + 1000) => browserClient(server.url, { from: address(n) }),
    newEmail: (label) => `${label}.${++emails}.${Date.now()}@example.test`,
    mail: async (to, subject, nth = 1) => {
      const matching = (m: CapturedMail) => m.to.includes(to) && subject.test(m.subject);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const found = smtp.messages.filter(matching);
        if (found.length >= nth) return found[nth - 1]!;
        if (Date.now() > deadline) throw new Error(`mail ${nth} to ${to} matching ${subject} did not come`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    code: extractCode,
    account: async (label, role = 'customer') => {
      const email = `${label}.${++emails}.${Date.now()}@example.test`;
      const password = `${label} keeps ${Math.random().toString(36).slice(2, 10)} beside the till`;
      const { id } = await createActiveUser(server.database.db, {
        email,
        password,
        name: `Sok ${label}`,
        role,
      });
      return { id, email, password };
    },
    failedChecks: (userId) => countAuditRows(server.database.db, 'auth.login_failed', userId),
    stop: async () => {
      await server.stop();
      await smtp.stop();
    },
  };
}

/** What a sign-in answered: signed in, a code asked for first, or the error status. */
export function outcomeOf(attempt: Promise<LoginResult>): Promise<'signed in' | 'code first' | number> {
  return attempt.then(
    (answer) => ('otpRequired' in answer ? 'code first' : 'signed in'),
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return error.status;
    },
  );
}

/** The status an API call failed with, or 200. */
export function statusOf(call: Promise<unknown>): Promise<number> {
  return call.then(
    () => 200,
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return error.status;
    },
  );
}

export function count<T>(values: T[], value: T): number {
  return values.filter((v) => v === value).length;
}
