import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounterRig, type CounterRig } from './counter-harness';

/**
 * The counter's window in Chromium through the browser host (`npm run pos`), with the real core behind it and the
 * real shop server: a new counter is paired with the code an admin made and then shows its sync status in its
 * status bar.
 */
let rig: CounterRig;
beforeAll(async () => {
  rig = await startCounterRig('shell');
});
afterAll(async () => {
  await rig?.stop();
});

describe('the counter window', () => {
  it('pairs a new counter with its one-time code, then shows it online and synced', async () => {
    const { shop, runner, host } = rig;
    const admin = await shop.staffClient('admin');
    const { pairingCode } = await admin.createDevice({ body: { name: 'Front counter' } });
    const page = await shop.page({ viewport: { width: 1100, height: 760 } });
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
    await rig.shoot(page, 'counter-status', [{ width: 1100, height: 760 }]);

    // The pull brought the shop's catalog into the counter's own database.
    const hits = (await runner.run('lookup', { query: 'laptop' })) as unknown[];
    expect(hits.length).toBeGreaterThan(0);
    const devices = (await admin.listDevices({})).items;
    expect(devices.find((d) => d.name === 'Front counter')).toMatchObject({ status: 'paired' });
    // The harness's page records uncaught exceptions (as before) and also console errors and failed requests.
    expect(page.errors).toEqual([]);
  });
});
