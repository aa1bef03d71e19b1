import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createShopClient } from '@shop/shared';
import { expect, inject } from 'vitest';
import { openCoreRunner } from '../../desktop/src/bridge/core-runner';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import { openLocalDb } from '../../desktop/src/core/local-db/open';
import { startHost, type RunningHost } from '../../desktop/src/host/server';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import type { Page } from 'playwright-core';
import { startShop, type Shop, type ShopPage } from './harness';

/**
 * The back office in the counter's window, for the back-office*.e2e.test.ts files: the whole shop of harness.ts, a
 * counter paired with it (its real core in its own data folder, behind the browser host on a loopback port), and the
 * shop's staff with a counter PIN, marked as having signed in online at this counter before, so their PIN opens it.
 * One per test file.
 */
export interface BackOfficeRig {
  shop: Shop;
  /** The counter's core, as the host runs it. */
  runner: CommandRunner;
  /** The browser host serving the screens and the core's commands: `page.goto(host.url)`. */
  host: RunningHost;
  /** A folder of this file's, removed at `stop`. */
  scratch: string;
  /** The staff asked for at the start, in that order. */
  people: Person[];
  /** Someone new on the server, with a password and the counter PIN, not yet known at this counter. */
  staffMember(role: 'staff' | 'admin', name: string): Promise<Person>;
  /** Pulls the staff to the counter and marks `person` as having signed in online here (their PIN opens it). */
  knownHere(person: Person): Promise<void>;
  /**
   * `person` signs in at the counter with the PIN and opens the back office with password and the mailed code, then
   * waits for the areas' navigation (for the link `area`, when given). With `mayBeSignedIn`, either step may have
   * been done already: the core outlives a page, so a later test may find the person signed in and the back office
   * still open.
   */
  openBackOffice(
    page: ShopPage,
    person: Person,
    options?: { area?: string; mayBeSignedIn?: boolean },
  ): Promise<void>;
  stop(): Promise<void>;
}

export interface Person {
  id: string;
  email: string;
  password: string;
  name: string;
}

/** Every test's staff member has this counter PIN. */
export const PIN = '4711';

/** `name` names the file's temporary folder; `counter` is the device's name in the back office's devices list. */
export async function startBackOfficeRig(
  name: string,
  staff: readonly { role: 'staff' | 'admin'; name: string }[],
  { counter = 'Back room' }: { counter?: string } = {},
): Promise<BackOfficeRig> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const dataDir = path.join(scratch, 'pos');
  const screens = inject('counterScreensDir');
  const cleanups: (() => Promise<unknown>)[] = [
    async () => fs.rmSync(scratch, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const shop = await startShop();
    cleanups.push(() => shop.stop());

    const staffMember = async (role: 'staff' | 'admin', personName: string): Promise<Person> => {
      const email = `${personName.toLowerCase()}-${randomBytes(4).toString('hex')}@example.test`;
      const password = `the shop opens at eight ${randomBytes(4).toString('hex')}`;
      const db = shop.server.database.db;
      const { id } = await createActiveUser(db, { email, password, name: personName, role });
      const { token } = await startSession(db, id);
      await createShopClient({
        baseUrl: shop.url,
        headers: () => ({ authorization: `Bearer ${token}` }),
      }).setCounterPin({ body: { pin: PIN, password } });
      return { id, email, password, name: personName };
    };
    const markSignedInHere = (people: readonly Person[]) => {
      const local = openLocalDb(dataDir);
      for (const person of people)
        local.prepare('UPDATE staff SET signed_in_online_at = ? WHERE id = ?').run(Date.now(), person.id);
      local.close();
    };

    const people: Person[] = [];
    for (const person of staff) people.push(await staffMember(person.role, person.name));
    // Paired and pulled with a core of its own, then the staff marked before the host's core opens the folder.
    const pairing = await openCoreRunner({ dataDir });
    const { pairingCode } = await (await shop.staffClient('admin')).createDevice({ body: { name: counter } });
    await pairing.run('pair', { serverUrl: shop.url, pairingCode });
    await pairing.run('syncNow', null);
    await pairing.close();
    markSignedInHere(people);
    const runner = await openCoreRunner({ dataDir });
    cleanups.push(() => runner.close());
    const host = await startHost({ runner, rendererDir: screens, host: '127.0.0.1', port: 0 });
    cleanups.push(() => host.close());

    return {
      shop,
      runner,
      host,
      scratch,
      people,
      staffMember,
      knownHere: async (person) => {
        await runner.run('syncNow', null);
        markSignedInHere([person]);
      },
      openBackOffice: async (page, person, { area, mayBeSignedIn = false } = {}) => {
        await page.goto(host.url);
        const pick = page.getByRole('button', { name: new RegExp(person.name) });
        if (mayBeSignedIn) await pick.or(page.getByTestId('cashier')).first().waitFor();
        if (!mayBeSignedIn || (await pick.isVisible())) {
          await pick.click();
          await page.getByLabel('PIN').fill(PIN);
          await page.keyboard.press('Enter');
        }
        await expect.poll(() => page.getByTestId('cashier').textContent()).toBe(person.name);
        await page.getByRole('button', { name: 'Back office' }).click();
        const areas = page.getByRole('navigation', { name: 'Back office areas' });
        const door = page.getByRole('heading', { name: 'Open the back office' });
        if (mayBeSignedIn) await door.or(areas).first().waitFor();
        if (!mayBeSignedIn || (await door.isVisible())) {
          await page.getByLabel('Password').fill(person.password);
          await page.getByRole('button', { name: 'Open' }).click();
          await page.getByLabel('Code from your email').fill(await shop.mailCode(person.email));
          await page.getByRole('button', { name: 'Confirm' }).click();
        }
        await (area ? areas.getByRole('link', { name: area }) : areas.getByRole('link').first()).waitFor();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** English and Khmer screenshots of what the page shows now, when SCREENSHOTS_DIR is set (not committed):
 * `ready` waits for the Khmer page. */
export async function screenshots(page: Page, name: string, ready: (page: Page) => Promise<unknown>) {
  const shots = process.env.SCREENSHOTS_DIR;
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}-en-1366x768.png`) });
  await page.getByRole('button', { name: 'ខ្មែរ' }).click();
  await ready(page);
  await page.screenshot({ path: path.join(shots, `${name}-km-1366x768.png`) });
  await page.getByRole('button', { name: 'English' }).click();
}
