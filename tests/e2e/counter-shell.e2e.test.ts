import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCoreRunner } from '../../desktop/src/bridge/core-runner';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import { startHost, type RunningHost } from '../../desktop/src/host/server';
import { launchChromium } from './browser';
import { startShop, type Shop } from './harness';
import { buildCounterScreens } from './webshop-build';

/**
 * The counter's window in Chromium through the browser host (`npm run pos`), with the real core behind it and the
 * real shop server: a new counter is paired with the code an admin made and then shows its sync status in its
 * status bar.
 */
let shop: Shop;
let browser: Browser;
let host: RunningHost;
let runner: CommandRunner;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-shell-'));

beforeAll(async () => {
  const screens = path.join(scratch, 'screens');
  await buildCounterScreens(screens);
  shop = await startShop();
  runner = await openCoreRunner({ dataDir: path.join(scratch, 'pos') });
  host = await startHost({ runner, rendererDir: screens, host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await runner?.close();
  await shop?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the counter window', () => {
  it('pairs a new counter with its one-time code, then shows it online and synced', async () => {
    const admin = await shop.staffClient('admin');
    const { pairingCode } = await admin.createDevice({ body: { name: 'Front counter' } });
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(host.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    await page.getByLabel('Shop server address').fill(shop.url);
    await page.getByLabel('Pairing code').fill('AAAA-BBBB-CCCC');
    await page.getByRole('button', { name: 'Pair this counter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');

    await page.getByLabel('Pairing code').fill(pairingCode.toLowerCase());
    await page.getByRole('button', { name: 'Pair this counter' }).click();
    // Paired: the status bar names the counter above its sign-in screen, online and synced.
    await page.getByText('Front counter').waitFor();
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('Online');
    await expect
      .poll(() => page.getByTestId('last-sync').textContent(), { timeout: 20_000 })
      .not.toBe('not yet');
    fs.mkdirSync(path.join(import.meta.dirname, 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(import.meta.dirname, 'screenshots', 'counter-status.png') });

    // The pull brought the shop's catalog into the counter's own database.
    const hits = (await runner.run('lookup', { query: 'laptop' })) as unknown[];
    expect(hits.length).toBeGreaterThan(0);
    const devices = (await admin.listDevices({})).items;
    expect(devices.find((d) => d.name === 'Front counter')).toMatchObject({ status: 'paired' });
    expect(errors).toEqual([]);
  });
});
