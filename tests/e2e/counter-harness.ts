import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createShopClient, type Role } from '@shop/shared';
import { inject } from 'vitest';
import { openCoreRunner } from '../../desktop/src/bridge/core-runner';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import { hostAndPort, startTcpProxy, type TcpProxy } from '../../desktop/src/core/test-support/proxy';
import { startHost, type RunningHost } from '../../desktop/src/host/server';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { typeLikeAScanner } from './scanner-keys';
import { startShop, type Shop, type StartShopOptions } from './harness';

/**
 * The counter's window as `npm run pos` runs it in a browser, for the counter-*.e2e.test.ts files: the counter's
 * screens built for this run, its real core (own data folder) behind the browser host on a loopback port, and the
 * whole shop of harness.ts (real server, real SMTP on loopback, Debian's Chromium). One per test file.
 */
export interface CounterRig {
  shop: Shop;
  /** The counter's core, as the host runs it: `runner.run('sale', null)` reads what the screen shows. */
  runner: CommandRunner;
  /** The browser host serving the screens and the core's commands: `page.goto(host.url)`. */
  host: RunningHost;
  /**
   * A TCP line between the counter and the server (`line.url`), to take the counter offline without stopping the
   * server (`line.switches.refuse = true; line.cutAll()`).
   */
  line: TcpProxy;
  /** The built screens, for a second counter (`anotherCounter`). */
  screens: string;
  /** Where this file's screenshots go (SCREENSHOTS_DIR/<name>, else a temporary folder printed at the end). */
  shots: string;
  /** A second counter (own core and data folder, own host) on the same screens; closed with the rig. */
  anotherCounter(): Promise<{ runner: CommandRunner; host: RunningHost }>;
  /** A new counter registered by an admin and paired with its one-time code, the catalog pulled. */
  pair(name: string, options?: { through?: 'line' | 'direct' }): Promise<void>;
  /**
   * A staff member with a password and a counter PIN set on the server (PUT /me/pin), as staff set theirs up;
   * `pin: null`: none set (they sign in online only).
   */
  staffMember(name: string, role?: Exclude<Role, 'customer'>, pin?: string | null): Promise<StaffMember>;
  /** Signs in online on this counter (password, then the mailed code): from then on their PIN works here. */
  signInOnline(person: StaffMember): Promise<void>;
  /** Screenshots of the page at each size, once its fonts are ready; the viewport is `sizes[0]` afterwards. */
  shoot(page: Page, name: string, at?: readonly Size[]): Promise<void>;
  stop(): Promise<void>;
}

export interface StaffMember {
  id: string;
  email: string;
  password: string;
  pin: string | null;
}

export type Size = { width: number; height: number };

/** The counter's three screens: a shop laptop, a full-HD monitor, a 1024×768 touch screen. */
export const sizes: readonly Size[] = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];

/** The machine is shared: a poll waits for the screen longer than vitest's 1 s default. */
export const soon = { timeout: 15_000 };

/** Types like a barcode scanner: the characters a few milliseconds apart, Enter straight after. */
export const scan = typeLikeAScanner;

/** `name` names the file's screenshot folder. */
export async function startCounterRig(name: string, options: StartShopOptions = {}): Promise<CounterRig> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `counter-${name}-`));
  const wanted = process.env.SCREENSHOTS_DIR;
  const shots = wanted
    ? path.join(path.resolve(wanted), name)
    : fs.mkdtempSync(path.join(os.tmpdir(), `counter-${name}-shots-`));
  fs.mkdirSync(shots, { recursive: true });
  const cleanups: (() => Promise<unknown>)[] = [
    async () => fs.rmSync(scratch, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    // Built once for the run (global-setup.ts), like the web shop.
    const screens = inject('counterScreensDir');
    const shop = await startShop(options);
    cleanups.push(() => shop.stop());
    const line = await startTcpProxy(hostAndPort(shop.url));
    cleanups.push(() => line.close());
    let counters = 0;
    const openCounter = async () => {
      const runner = await openCoreRunner({ dataDir: path.join(scratch, `pos-${counters++}`) });
      cleanups.push(() => runner.close());
      const host = await startHost({ runner, rendererDir: screens, host: '127.0.0.1', port: 0 });
      cleanups.push(() => host.close());
      return { runner, host };
    };
    const { runner, host } = await openCounter();

    return {
      shop,
      runner,
      host,
      line,
      screens,
      shots,
      anotherCounter: openCounter,
      pair: async (deviceName, { through = 'line' } = {}) => {
        const admin = await shop.staffClient('admin');
        const { pairingCode } = await admin.createDevice({ body: { name: deviceName } });
        await runner.run('pair', { serverUrl: through === 'line' ? line.url : shop.url, pairingCode });
        await runner.run('syncNow', null);
      },
      staffMember: async (personName, role = 'staff', pin = '4711') => {
        const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
        const password = `the till drawer sticks ${randomBytes(4).toString('hex')}`;
        const db = shop.server.database.db;
        const { id } = await createActiveUser(db, { email, password, name: personName, role });
        if (pin === null) return { id, email, password, pin };
        const { token } = await startSession(db, id);
        await createShopClient({
          baseUrl: shop.url,
          headers: () => ({ authorization: `Bearer ${token}` }),
        }).setCounterPin({ body: { pin, password } });
        return { id, email, password, pin };
      },
      signInOnline: async (person) => {
        const started = (await runner.run('signInOnline', {
          email: person.email,
          password: person.password,
        })) as { challengeId: string };
        await runner.run('confirmSignInCode', {
          challengeId: started.challengeId,
          code: await shop.mailCode(person.email),
        });
      },
      shoot: async (page, shotName, at = sizes) => {
        for (const size of at) {
          await page.setViewportSize(size);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: path.join(shots, `${shotName}-${size.width}x${size.height}.png`) });
        }
        await page.setViewportSize(sizes[0]!);
      },
      stop: async () => {
        await stop();
        if (!wanted) console.warn(`counter ${name} screenshots: ${shots}`);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
