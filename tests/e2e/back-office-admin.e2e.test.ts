import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { formatKhr, usdCentsToKhr, type ShopClient } from '@shop/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import { type RunningHost } from '../../desktop/src/host/server';
import { type Shop, type ShopPage } from './harness';
import { PIN, startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * The admin's back office in Chromium through the browser host: a staff member is invited, accepts on the web shop
 * and signs in; the exchange rate changes and the web shop's riel prices follow; a counter sale of a serial the server
 * never had is parked, and applied again once the serial is received; a staff member is disabled and enabled; a
 * counter is paired and revoked; the audit log finds what was done. (Set-up copied from back-office.e2e.test.ts until the lead folds it into a harness.)
 */
let rig: BackOfficeRig;
let shop: Shop;
let host: RunningHost;
let runner: CommandRunner;
let admin: ShopClient;
let page: ShopPage;
let owner: Person;
let vanna: Person;
/** The Bakong token entered in the settings test: no screen may show it back, the audit log included. */
let enteredToken = '';

beforeAll(async () => {
  rig = await startBackOfficeRig('back-office-admin', [
    { role: 'admin', name: 'Chanthou' },
    { role: 'staff', name: 'Vanna' },
  ]);
  ({ shop, host, runner } = rig);
  [owner, vanna] = rig.people as [Person, Person];
  admin = await shop.staffClient('admin');
  page = await shop.page({ viewport: { width: 1366, height: 768 } });
});
afterAll(() => rig?.stop());

/** The owner signs in at the counter with the PIN and opens the back office with password and mailed code. */
const openBackOffice = () => rig.openBackOffice(page, owner, { area: 'Audit log' });

const area = (name: string) =>
  page.getByRole('navigation', { name: 'Back office areas' }).getByRole('link', { name }).click();
const tab = (screen: string, name: string) =>
  page.getByRole('navigation', { name: screen }).getByRole('link', { name }).click();

/**
 * Screenshots to look at, when asked for (not committed): SCREENSHOTS_DIR=/some/folder, in English then Khmer. The
 * status bar's switch is pressed by event: an open dialog hides the rest of the window from pointer and reader.
 */
async function shoot(on: Page, name: string) {
  const shots = process.env.SCREENSHOTS_DIR;
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await on.evaluate(() => document.fonts.ready);
  await on.screenshot({ path: path.join(shots, `${name}-en-1366x768.png`) });
  await on.locator('button[lang="km"]').dispatchEvent('click');
  await on.waitForFunction(
    () => document.querySelector('button[lang="km"]')?.getAttribute('aria-pressed') === 'true',
  );
  await on.evaluate(() => document.fonts.ready);
  await on.screenshot({ path: path.join(shots, `${name}-km-1366x768.png`) });
  await on.locator('button[lang="en"]').dispatchEvent('click');
  await on.waitForFunction(
    () => document.querySelector('button[lang="en"]')?.getAttribute('aria-pressed') === 'true',
  );
}

/** The web shop's page at `url` in English and in a Khmer browser. */
async function shootWebshop(on: ShopPage, url: string, name: string) {
  const shots = process.env.SCREENSHOTS_DIR;
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await on.evaluate(() => document.fonts.ready);
  await on.screenshot({ path: path.join(shots, `${name}-en-1366x768.png`) });
  const km = await shop.page({ viewport: { width: 1366, height: 768 }, locale: 'km-KH' });
  await km.goto(url);
  await km.getByRole('heading', { level: 1 }).first().waitFor();
  await km.evaluate(() => document.fonts.ready);
  await km.screenshot({ path: path.join(shots, `${name}-km-1366x768.png`) });
  await km.close();
}

describe('the admin back office', () => {
  it('shows a counter sale the server parked (a serial it never had); once the serial is received it applies again', async () => {
    const [cpu] = (await runner.run('lookup', { query: 'Ryzen 5 7600X' })) as {
      id: string;
      serialized: boolean;
    }[];
    expect(cpu?.serialized).toBe(true);
    const serial = `SN-PARK-${randomBytes(3).toString('hex').toUpperCase()}`;
    await runner.run('signInWithPin', { staffId: owner.id, pin: PIN });
    await runner.run('addLine', { productId: cpu!.id });
    await runner.run('setSerials', { productId: cpu!.id, serials: [serial] });
    const due = ((await runner.run('sale', null)) as { totals: { dueCents: number } }).totals.dueCents;
    await runner.run('pay', { method: 'cash', currency: 'USD', tendered: due });
    const sale = (await runner.run('commitSale', null)) as { receiptNumber: string };
    await runner.run('syncNow', null);
    await runner.run('signOut', null);
    await expect
      .poll(async () => (await admin.listParkedItems({})).items.map((item) => item.status))
      .toEqual(['parked']);

    await openBackOffice();
    await area('Staff and devices');
    await tab('Staff and devices', 'Parked items');
    const card = page.getByTestId('parked-item');
    await expect.poll(() => card.getByTestId('parked-error').textContent()).toContain(serial);
    expect(await card.textContent()).toContain('Back room');
    await shoot(page, 'people-parked');
    // Not fixed yet: applying it again is refused with the reason, and the item stays.
    await card.getByRole('button', { name: 'Apply again' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain(serial);

    // Fixed where it lives: the unit received with its serial (the stock area's screen; here through the API).
    await admin.recordStockMovement({
      body: { productId: cpu!.id, type: 'receive', quantity: 1, serials: [serial] },
    });
    await card.getByRole('button', { name: 'Apply again' }).click();
    await page.getByText('Nothing is parked: every counter item was applied.').waitFor();
    expect((await admin.listParkedItems({})).items).toEqual([]);
    expect((await admin.listAdminOrders({ query: { q: sale.receiptNumber } })).total).toBe(1);
  });

  it('disables a staff member and enables her again, with her sign-in history', async () => {
    await tab('Staff and devices', 'People');
    await page.getByLabel('Search').fill('Vanna');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('q=Vanna');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await shoot(page, 'people-list');
    await page.getByTestId('list-row').click();
    await page.getByRole('heading', { name: 'Vanna' }).waitFor();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('button', { name: 'Yes, do it' }).click();
    await page.getByText('Account disabled: its sessions ended.').waitFor();
    const status = async () =>
      (await admin.listUsers({ query: { q: vanna.email } })).items.map((user) => user.status);
    expect(await status()).toEqual(['disabled']);
    await page.getByRole('button', { name: 'Enable account' }).click();
    await page.getByText('Account enabled.').waitFor();
    expect(await status()).toEqual(['active']);

    // A lost phone or a PIN seen over a shoulder: her counter PIN is cleared (she sets a new one online).
    const pinOf = async () =>
      (
        await shop.server.database.db
          .selectFrom('users')
          .select('pin_verifier')
          .where('id', '=', vanna.id)
          .executeTakeFirstOrThrow()
      ).pin_verifier;
    expect(await pinOf()).not.toBeNull();
    await page.getByRole('button', { name: 'Reset second factor' }).click();
    await page.getByRole('button', { name: 'Yes, do it' }).click();
    await page.getByText('Sign-in reset: counter PIN cleared, sessions ended.').waitFor();
    expect(await pinOf()).toBeNull();
  });

  it('opens a person’s page by its address alone (a shared link): name and role come from the server', async () => {
    // No list row travels with this address: the page asks GET /admin/users/:id.
    await page.goto(`${host.url}/#/back-office/people/users/${vanna.id}`);
    await page.getByRole('heading', { name: 'Vanna' }).waitFor();
    const facts = page.getByTestId('person-facts');
    await expect.poll(() => facts.textContent()).toBe(`${vanna.email} · Staff · Active`);
    // Her PIN was cleared by the reset before.
    await page.getByText('No counter PIN set yet').waitFor();
    await shoot(page, 'people-person-by-address');
    // After a change the page shows the account as the server now has it.
    await page.getByLabel('Role').selectOption('admin');
    await page.getByRole('button', { name: 'Change role' }).click();
    await page.getByText('Role changed.').waitFor();
    await expect.poll(() => facts.textContent()).toBe(`${vanna.email} · Admin · Active`);
    await page.getByLabel('Role').selectOption('staff');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => facts.textContent()).toBe(`${vanna.email} · Staff · Active`);
    expect((await admin.listUsers({ query: { q: vanna.email } })).items[0]?.role).toBe('staff');
    // An address that names no one says so.
    await page.goto(`${host.url}/#/back-office/people/users/no-such-person`);
    await page.getByText('There is no account at this address', { exact: false }).waitFor();
  });

  it('invites a staff member by mail, who accepts on the web shop, chooses a password and signs in', async () => {
    const email = `sokha-${randomBytes(4).toString('hex')}@example.test`;
    await tab('Staff and devices', 'People');
    await page.getByRole('button', { name: 'Invite staff' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Invite a staff member' });
    // The server's rules answer per field.
    await dialog.getByLabel('Email', { exact: true }).fill('not an address');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => dialog.textContent()).toContain('enter an email address');
    await dialog.getByLabel('Email', { exact: true }).fill(email);
    await dialog.getByLabel('Name').fill('Sokha');
    await dialog.getByLabel('Role').selectOption('staff');
    await dialog.getByLabel('Language of the email').selectOption('en');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText(`Invitation mailed to ${email}.`).waitFor();
    await shoot(page, 'people-invite');
    await page.keyboard.press('Escape');

    await tab('Staff and devices', 'Invitations');
    await expect.poll(() => page.getByRole('table').textContent()).toContain(email);
    await shoot(page, 'people-invitations');

    const link = await shop.mailLink(email, '/accept-invitation');
    const web = await shop.page({ viewport: { width: 1366, height: 768 } });
    await web.goto(link);
    await web.getByRole('heading', { name: 'Join the shop team' }).waitFor();
    await shootWebshop(web, link, 'webshop-accept-invitation');
    const password = `Sokha counts the till ${randomBytes(3).toString('hex')}`;
    await web.getByLabel('Email', { exact: true }).fill(email);
    // Sign-up's rules: too short is refused before anything is sent.
    await web.getByLabel('New password', { exact: true }).fill('short');
    await web.getByLabel('New password again').fill('short');
    await web.getByRole('button', { name: 'Accept and choose password' }).click();
    await web.getByText('Use at least 10 characters', { exact: false }).first().waitFor();
    await web.getByLabel('New password', { exact: true }).fill(password);
    await web.getByLabel('New password again').fill(password);
    await web.getByRole('button', { name: 'Accept and choose password' }).click();
    await web.getByRole('heading', { name: 'Your account is ready' }).waitFor();
    await web.getByLabel('6-digit code').fill(await shop.mailCode(email));
    await web.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => new URL(web.url()).pathname).toBe('/account');
    const me = await web.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ user: { email, role: 'staff', status: 'active' } });
    expect(web.errors).toEqual([]);

    // The link worked once: a second use (someone who found the mail) is told it cannot be used.
    const again = await shop.page();
    await again.goto(link);
    await again.getByLabel('Email', { exact: true }).fill(email);
    await again.getByLabel('New password', { exact: true }).fill(`${password} again`);
    await again.getByLabel('New password again').fill(`${password} again`);
    await again.getByRole('button', { name: 'Accept and choose password' }).click();
    await again.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor();

    // The back office sees the invitation accepted, the account, and its sign-in.
    await page.reload();
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Accepted');
    await tab('Staff and devices', 'People');
    await page.getByLabel('Search').fill(email);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await page.getByTestId('list-row').click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Sign-in history' }).textContent())
      .toContain('Signed in');
    await shoot(page, 'people-person');
  });

  it('changes the exchange rate, refused per field when wrong, and the web shop’s riel prices follow', async () => {
    const { items } = await shop.server.client.listProducts({ query: { q: 'mouse' } });
    const mouse = items[0]!;
    const before = (await shop.server.client.getShopInfo({})).rielPerUsd;
    const after = before === 4200 ? 4300 : 4200;
    const web = await shop.page();
    await web.goto(`/products/${mouse.slug}`);
    await expect
      .poll(() => web.getByRole('main').textContent())
      .toContain(formatKhr(usdCentsToKhr(mouse.priceCents, before)));

    await area('Settings');
    await tab('Settings', 'Prices and VAT');
    const prices = page.getByRole('form', { name: 'Exchange rate and delivery' });
    await prices.getByLabel('Riel per US dollar').fill('41');
    await prices.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => prices.textContent()).toContain('at least 1,000');
    await prices.getByLabel('Riel per US dollar').fill(String(after));
    await prices.getByRole('button', { name: 'Save' }).click();
    await prices.getByText(/^Saved\./).waitFor();
    await shoot(page, 'settings-prices');
    expect((await shop.server.client.getShopInfo({})).rielPerUsd).toBe(after);

    // Delivery by province: Siem Reap's own rate (refused on its row while its days are upside down), and
    // Mondulkiri not delivered to; the web shop's rates follow.
    const rates = page.getByRole('form', { name: 'Delivery by province' });
    await rates.getByLabel('Siem Reap: fee (USD)').fill('3.50');
    await rates.getByLabel('Siem Reap: fewest days').fill('3');
    await rates.getByLabel('Siem Reap: most days').fill('1');
    await rates.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => rates.getByTestId('rate-row').filter({ hasText: 'Siem Reap' }).textContent())
      .toContain('the most days cannot be fewer than the fewest');
    await rates.getByLabel('Siem Reap: most days').fill('4');
    await rates.getByLabel('Deliver to Mondulkiri').uncheck();
    await rates.getByRole('button', { name: 'Save' }).click();
    await rates.getByText(/^Saved\./).waitFor();
    const { delivery } = await shop.server.client.getShopInfo({});
    expect(delivery.rates.find((r) => r.province === 'Siem Reap')).toMatchObject({
      feeCents: 350,
      minDays: 3,
      maxDays: 4,
      delivers: true,
    });
    expect(delivery.rates.find((r) => r.province === 'Mondulkiri')).toMatchObject({ delivers: false });
    await rates.scrollIntoViewIfNeeded();
    await shoot(page, 'settings-delivery');

    await web.reload();
    await expect
      .poll(() => web.getByRole('main').textContent())
      .toContain(formatKhr(usdCentsToKhr(mouse.priceCents, after)));
    expect(web.errors).toEqual([]);

    for (const [name, heading] of [
      ['Shop', 'Who the shop is'],
      ['KHQR payments', 'KHQR account'],
      ['Counters', 'Counters and receipts'],
      ['Mail', 'Mail sender and server'],
    ] as const) {
      await tab('Settings', name);
      await page.getByRole('heading', { name: heading }).waitFor();
      await shoot(page, `settings-${name.split(' ')[0]!.toLowerCase()}`);
    }
    // A Bakong token that expires in 10 days: saved, never shown back, and warned about (14 days ahead).
    await tab('Settings', 'KHQR payments');
    const token = page.getByRole('form', { name: 'Bakong token' });
    const claims = { exp: Math.floor(Date.now() / 1000) + 10 * 24 * 3600 };
    const jwt = [{ alg: 'HS256', typ: 'JWT' }, claims]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .concat('c2lnbmF0dXJlLW9mLXRoZS10ZXN0')
      .join('.');
    await token.getByLabel('New token').fill('has spaces in it, which no token has');
    await token.getByRole('button', { name: 'Save token' }).click();
    await expect.poll(() => token.textContent()).toContain('no spaces or line breaks');
    enteredToken = jwt;
    await token.getByLabel('New token').fill(jwt);
    await token.getByRole('button', { name: 'Save token' }).click();
    await token.getByText('Token saved.').waitFor();
    await expect.poll(() => token.textContent()).toContain('The token expires in 10 days');
    expect(await token.getByLabel('New token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(jwt);
    await token.scrollIntoViewIfNeeded();
    await shoot(page, 'settings-token');
    // Forgotten again: the stand-in confirms this shop's payments, as before.
    await token.getByRole('button', { name: 'Forget the token' }).click();
    await token.getByText('Token forgotten.').waitFor();

    await tab('Settings', 'Mail');
    // The test mail goes to the admin's own address through the mail in use now.
    await page.getByRole('button', { name: 'Send a test mail' }).click();
    await page.getByText(`A test mail went to ${owner.email}.`, { exact: false }).waitFor();
    await shop.smtp.waitFor((mail) => mail.to.includes(owner.email) && /test/i.test(mail.subject));
  });

  it('pairs a counter with a code shown large, revokes it, and the audit log finds what was done', async () => {
    await area('Staff and devices');
    await tab('Staff and devices', 'Counters');
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Back room');
    await page.getByRole('button', { name: 'Pair a new counter' }).click();
    await page.getByLabel('Counter name').fill('Front desk');
    await page.getByRole('button', { name: 'Make pairing code' }).click();
    const code = (await page.getByTestId('pairing-code').textContent())!.trim();
    expect(code.length).toBeGreaterThanOrEqual(6);
    const size = await page.getByTestId('pairing-code').evaluate((node) => getComputedStyle(node).fontSize);
    expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(48);
    await shoot(page, 'people-pairing-code');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Front desk');
    // The counter this back office runs in is marked, and revoking it warns that it stops syncing at once.
    const here = page.getByTestId('list-row').filter({ hasText: 'Back room' });
    await expect.poll(() => here.textContent()).toContain('This counter');
    expect(await page.getByTestId('list-row').filter({ hasText: 'Front desk' }).textContent()).not.toContain(
      'This counter',
    );
    await shoot(page, 'people-devices');
    await here.getByRole('button', { name: 'Revoke' }).click();
    const ask = page.getByRole('dialog', { name: 'Revoke' });
    await expect.poll(() => ask.textContent()).toContain('the counter you are working at');
    expect(await ask.textContent()).toContain('It stops syncing at once');
    await shoot(page, 'people-revoke-this-counter');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect((await admin.listDevices({})).items.find((d) => d.name === 'Back room')?.status).toBe('paired');
    const row = page.getByTestId('list-row').filter({ hasText: 'Front desk' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Yes, do it' }).click();
    await page.getByText('Counter revoked.').waitFor();
    await expect.poll(() => row.textContent()).toContain('Revoked');

    await area('Audit log');
    await page.getByLabel('Action').fill('setting.change');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('action=setting.change');
    await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('table').textContent()).toContain('orders.pricing');
    // Who did it, one click away; and the link keeps every filter.
    await page.getByTestId('list-row').first().getByRole('button', { name: 'Chanthou' }).click();
    await expect.poll(() => page.url()).toContain(`actor=${owner.id}`);
    await page.getByText('Done by: Chanthou').waitFor();
    // What changed, opened row by row: the Bakong token's rows say it changed, never what it is.
    await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThanOrEqual(2);
    for (const summary of await page.getByRole('table').locator('summary').all()) await summary.click();
    expect(await page.getByRole('table').textContent()).toContain('payments.bakongToken');
    expect(enteredToken).not.toBe('');
    expect(await page.content()).not.toContain(enteredToken);
    expect(await page.content()).not.toContain(enteredToken.split('.')[1]!);
    await shoot(page, 'audit');
    await page.goto(`${host.url}/#/back-office/audit?entity=device`);
    await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByLabel('Entity', { exact: true }).inputValue()).toBe('device');
    expect(page.errors.filter((error) => !/\b(400|409)\b/.test(error))).toEqual([]);
  });
});
