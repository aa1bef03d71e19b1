import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { newId } from '../../server/src/db/ids';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { extractCode, startSmtpServer, type TestSmtpServer } from '../../server/test/smtp';
import type { BenchOptions } from './options';
import { startShopServer, type ChildServer } from './server-process';
import { BenchBrowser, loginOutcome } from './stuffing-client';

/**
 * Credential stuffing against the real server (issue 9): wrong passwords for 100 real accounts from 100 loopback
 * client addresses, every (address, account) pair tried once, so no per-pair limit ever bites and every address and
 * every account sees ~100 attempts. Once one after another, once in bursts sent at the same moment, each on a fresh
 * shop. Meanwhile owners sign in: on the browser they used before (device cookie) and on new phones (mailed code,
 * read from a loopback SMTP server). What reached the password hash is counted from what the server records: the
 * audit rows of failed password checks.
 */
export interface StuffingOptions {
  attempts: number;
  addresses: number;
  accounts: number;
  burstSize: number;
  /** Owners who signed in before the attack and sign in again during it, one every `ownerEveryMs`. */
  knownDeviceOwners: number;
  /** Owners who sign in on a phone new to their account during the attack, one every `newDeviceEveryMs`. */
  newDeviceOwners: number;
  ownerEveryMs: number;
  newDeviceEveryMs: number;
}

export const defaultStuffingOptions: StuffingOptions = {
  attempts: 10_000,
  addresses: 100,
  accounts: 100,
  burstSize: 200,
  knownDeviceOwners: 10,
  newDeviceOwners: 40,
  ownerEveryMs: 1_000,
  newDeviceEveryMs: 3_000,
};

export interface OwnerSignIns {
  ms: number[];
  failures: string[];
}

export interface StuffingRun {
  mode: string;
  attempts: number;
  /** Answers by kind: 401 (password checked), 429 (address or address+account limit), "code first", … */
  answers: Record<string, number>;
  /** Failed password checks recorded by the server during the attack (the owners' own sign-ins succeed). */
  reachedHash: number;
  wallSec: number;
  serverCpuSec: number;
  knownDevice: OwnerSignIns;
  newDevice: OwnerSignIns;
  /** Sign-in code mails the owners received during the attack. */
  codeMails: number;
}

export interface StuffingFigures {
  options: StuffingOptions;
  runs: StuffingRun[];
  notes: string[];
}

const LOGIN = '/api/v1/auth/login';
const CODE_MAIL = /^Your sign-in code/;

export async function benchStuffing(
  options: BenchOptions,
  workDir: string,
  log: (line: string) => void,
): Promise<StuffingFigures> {
  const settings = options.stuffing;
  const runs: StuffingRun[] = [];
  for (const mode of ['sequential', 'bursts'] as const) {
    const dir = path.join(workDir, `stuffing-${mode}`);
    fs.mkdirSync(dir, { recursive: true });
    runs.push(await stuffingRun(mode, dir, options, settings, log));
  }
  return {
    options: settings,
    runs,
    notes: [
      'Each run is a fresh SQLite shop. Limits in force (each counted over its window and the one before): 30 ' +
        'sign-ins per client address per 10 minutes, 5 failures per address and account per 15 minutes (then 429), ' +
        'and a trip after 5 failures at one account or 20 shop-wide from unknown devices per 15 minutes: then an ' +
        'unknown device gets a mailed code before its password is hashed, and at most two strangers’ passwords are ' +
        'hashed at once (docs/decisions/0002-sign-in-throttling.md).',
    ],
  };
}

async function stuffingRun(
  mode: 'sequential' | 'bursts',
  dir: string,
  options: BenchOptions,
  settings: StuffingOptions,
  log: (line: string) => void,
): Promise<StuffingRun> {
  const databaseUrl = `sqlite:${path.join(dir, 'shop.sqlite')}`;
  const { db, close } = await openDatabase(databaseUrl);
  const smtp = await startSmtpServer();
  const browsers: BenchBrowser[] = [];
  let server: ChildServer | null = null;
  try {
    await migrateToLatest(db);
    const accounts = await makeAccounts(db, settings.accounts);
    server = await startShopServer(`stuffing ${mode}`, { databaseUrl, dataDir: dir }, options.nodeEnv, {
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '100',
    });
    const url = server.url;
    const browser = (address: string) => {
      const made = new BenchBrowser(url, address);
      browsers.push(made);
      return made;
    };

    // The owners' own browsers sign in once before the attack: from then on they carry a device cookie.
    const laptops = accounts.emails
      .slice(0, settings.knownDeviceOwners)
      .map((_, i) => browser(`127.0.3.${i + 10}`));
    for (const [i, laptop] of laptops.entries()) {
      await laptop.open();
      const answer = await laptop.post(LOGIN, { email: accounts.emails[i], password: accounts.password });
      if (loginOutcome(answer) !== 'signed in' || !laptop.hasCookie('device'))
        throw new Error(`owner ${i} could not sign in before the attack: ${JSON.stringify(answer.json)}`);
    }
    const attackers = Array.from({ length: settings.addresses }, (_, a) =>
      browser(`127.0.${Math.floor(a / 50)}.${(a % 50) + 10}`),
    );
    await Promise.all(attackers.map((attacker) => attacker.open()));

    const answers: Record<string, number> = {};
    const attempt = async (i: number) => {
      const a = i % settings.addresses;
      // Every (address, account) pair once: address a tries account a, a+1, a+2, … round by round.
      const account = accounts.emails[(a + Math.floor(i / settings.addresses)) % settings.accounts]!;
      const answer = await attackers[a]!.post(LOGIN, {
        email: account,
        password: `summer${i % 97}-rain-${i}`,
      });
      const outcome = loginOutcome(answer);
      answers[outcome] = (answers[outcome] ?? 0) + 1;
    };

    const hashesBefore = await failedChecks(db);
    const mailsBefore = smtp.messages.length;
    const cpuBefore = server.cpuSeconds();
    const started = performance.now();
    const owners = ownersSignIn(url, accounts, laptops, settings, smtp, browser);
    const order = Array.from({ length: settings.attempts }, (_, i) => i);
    if (mode === 'sequential') {
      for (const i of order) await attempt(i);
    } else {
      for (let k = 0; k < order.length; k += settings.burstSize)
        await Promise.all(order.slice(k, k + settings.burstSize).map(attempt));
    }
    const wallSec = (performance.now() - started) / 1000;
    const serverCpuSec = server.cpuSeconds() - cpuBefore;
    const signIns = await owners.stop();
    const run: StuffingRun = {
      mode: mode === 'sequential' ? 'one after another' : `bursts of ${settings.burstSize} at once`,
      attempts: settings.attempts,
      answers,
      reachedHash: (await failedChecks(db)) - hashesBefore,
      wallSec,
      serverCpuSec,
      ...signIns,
      codeMails: smtp.messages.slice(mailsBefore).filter((m) => CODE_MAIL.test(m.subject)).length,
    };
    log(
      `stuffing, ${run.mode}: ${run.reachedHash} of ${run.attempts} reached the password hash ` +
        `(${JSON.stringify(run.answers)}) in ${wallSec.toFixed(1)} s, server CPU ${serverCpuSec.toFixed(1)} s; ` +
        `owners signed in ${run.knownDevice.ms.length} + ${run.newDevice.ms.length} times ` +
        `(${run.knownDevice.failures.length + run.newDevice.failures.length} failed)`,
    );
    return run;
  } finally {
    for (const made of browsers) made.close();
    await server?.stop();
    await smtp.stop();
    await close();
  }
}

interface Accounts {
  emails: string[];
  password: string;
}

/**
 * Accounts as the shop makes them: the first with its scrypt hash, the others copies of its row under their own id
 * and address (hashing takes 0.2-0.6 s here). They share one password, which the attack never tries.
 */
async function makeAccounts(db: Db, count: number): Promise<Accounts> {
  const run = randomBytes(3).toString('hex');
  const email = (i: number) => `owner-${run}-${i}@example.test`;
  const password = `the owners of ${run} keep their own sentence`;
  const first = await createActiveUser(db, { email: email(0), password, name: 'Owner 0', role: 'customer' });
  const template = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', first.id)
    .executeTakeFirstOrThrow();
  const others = Array.from({ length: count - 1 }, (_, n) => ({
    ...template,
    id: newId(),
    email: email(n + 1),
    name: `Owner ${n + 1}`,
  }));
  for (let i = 0; i < others.length; i += 100)
    await db
      .insertInto('users')
      .values(others.slice(i, i + 100))
      .execute();
  return { emails: [email(0), ...others.map((u) => u.email)], password };
}

async function failedChecks(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'auth.login_failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Owners signing in while the attack runs: a known-device owner every `ownerEveryMs` (round robin), and a new-phone
 * owner every `newDeviceEveryMs` (each account once: a mailed check is shared by everyone signing in to it).
 */
function ownersSignIn(
  url: string,
  accounts: Accounts,
  laptops: BenchBrowser[],
  settings: StuffingOptions,
  smtp: TestSmtpServer,
  browser: (address: string) => BenchBrowser,
) {
  const knownDevice: OwnerSignIns = { ms: [], failures: [] };
  const newDevice: OwnerSignIns = { ms: [], failures: [] };
  let running = true;
  const known = (async () => {
    for (let n = 0; running; n++) {
      const i = n % laptops.length;
      const answer = await laptops[i]!.post(LOGIN, {
        email: accounts.emails[i],
        password: accounts.password,
      });
      if (loginOutcome(answer) === 'signed in') knownDevice.ms.push(answer.ms);
      else knownDevice.failures.push(loginOutcome(answer));
      await sleep(settings.ownerEveryMs);
    }
  })();
  const fresh = (async () => {
    const first = laptops.length;
    for (let n = 0; running && n < settings.newDeviceOwners; n++) {
      await sleep(settings.newDeviceEveryMs);
      if (!running) break;
      const email = accounts.emails[first + n]!;
      const phone = browser(`127.0.4.${n + 10}`);
      const started = performance.now();
      const outcome = await newPhoneSignIn(phone, email, accounts.password, smtp).catch(
        (error: unknown) => `error: ${(error as Error).message}`,
      );
      if (outcome === 'signed in') newDevice.ms.push(performance.now() - started);
      else newDevice.failures.push(outcome);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await Promise.all([known, fresh]);
      return { knownDevice, newDevice };
    },
  };
}

/** A phone new to the account: the password, then (while sign-ins are throttled) the code from the mail with it. */
async function newPhoneSignIn(phone: BenchBrowser, email: string, password: string, smtp: TestSmtpServer) {
  await phone.open();
  const first = await phone.post(LOGIN, { email, password });
  if (loginOutcome(first) !== 'code first') return loginOutcome(first);
  const { challengeId } = first.json as { challengeId: string };
  const deadline = performance.now() + 15_000;
  for (;;) {
    // The check may have been mailed already, when an attacker's guess at this account opened it.
    const mail = smtp.messages.filter((m) => m.to.includes(email) && CODE_MAIL.test(m.subject)).at(-1);
    if (mail) {
      const answer = await phone.post('/api/v1/auth/login/otp', {
        challengeId,
        code: extractCode(mail),
        password,
      });
      return answer.status === 200 ? 'signed in' : `code step ${answer.status}`;
    }
    if (performance.now() > deadline) return 'no code mail within 15 s';
    await sleep(50);
  }
}
