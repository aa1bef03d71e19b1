import { formatUsd } from '@shop/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import type { ProductHit } from '../../desktop/src/core/catalog/lookup';
import type { SaleView } from '../../desktop/src/core/commands';
import type { RunningHost } from '../../desktop/src/host/server';
import { scan, sizes, soon, startCounterRig, type CounterRig } from './counter-harness';
import type { ShopPage } from './harness';

/**
 * The counter's screens in Chromium through the browser host, with the real core and the real shop server: a
 * discount over the cashier's limit is approved by an admin's PIN at the counter and the server keeps who approved
 * it; the core's refusals show in Khmer on a Khmer screen; a new counter's pairing screen in Khmer. One shop, one
 * browser, two pages; screenshots kept in a temporary folder to look at (or SCREENSHOTS_DIR/fast).
 */
const PIN = '4711';
const ADMIN_PIN = '9035';
let rig: CounterRig;
let shop: CounterRig['shop'];
let host: RunningHost;
let runner: CommandRunner;
/** A counter never paired, for its pairing screen. */
let newHost: RunningHost;

beforeAll(async () => {
  rig = await startCounterRig('fast');
  ({ shop, host, runner } = rig);
  newHost = (await rig.anotherCounter()).host;
});
afterAll(async () => {
  await rig?.stop();
});

const shoot = (page: ShopPage, name: string) => rig.shoot(page, name);
const dollars = (cents: number) => (cents / 100).toFixed(2);

describe('the counter: discount approval and Khmer refusals', () => {
  it("lets an admin's PIN approve a discount over the cashier's limit, and says the core's refusals in Khmer", async () => {
    const admin = await rig.staffMember('Vanna', 'admin', ADMIN_PIN);
    const cashier = await rig.staffMember('Sreyleak', 'staff', PIN);
    await rig.pair('Till 2', { through: 'direct' });
    // The admin proved themselves on this counter once; the cashier signs in after and sells.
    await rig.signInOnline(admin);
    await rig.signInOnline(cashier);
    const [item] = ((await runner.run('lookup', { query: 'NZXT H5' })) as ProductHit[]).filter(
      (hit) => hit.active && !hit.serialized && hit.barcode,
    );
    expect(item).toBeTruthy();
    const price = item!.unitPriceCents;
    const overLimit = Math.floor(price * 0.3);

    const page = await shop.page({ viewport: sizes[0]! });
    await page.goto(host.url);
    await page.getByRole('combobox').waitFor();
    await scan(page, item!.barcode!);
    await page.getByTestId('sale-line').waitFor();

    // 30 % off is over a staff member's 10 %: the refusal opens the admin's PIN pad, saying why.
    const orderDiscount = page.getByLabel('Order discount $');
    await orderDiscount.fill(dollars(overLimit));
    await orderDiscount.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), soon).toContain('a staff may take at most 10 % off a sale');
    expect(await dialog.getByRole('radio', { name: 'Vanna' }).getAttribute('aria-checked')).toBe('true');
    // The cashier's own PIN is not an admin's: the only admin listed is Vanna, and a wrong PIN is refused.
    await page.getByLabel('PIN').fill(PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent(), soon).toBe('wrong PIN');
    await shoot(page, 'discount-approval-en');
    await page.getByLabel('PIN').fill(ADMIN_PIN);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('total-usd').textContent(), soon)
      .toBe(formatUsd(price - overLimit));

    // F4: a new customer by phone and name, kept on this counter until the shop server can take them.
    await page.keyboard.press('F4');
    await dialog.getByRole('button', { name: 'New customer' }).click();
    await dialog.getByLabel('Phone', { exact: true }).fill('097 512 3456');
    await dialog.getByLabel('Name', { exact: true }).fill('Sokha Chan');
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), soon)
      .toContain('Sokha Chan is saved on this counter');
    await expect.poll(() => dialog.getByRole('button', { name: /Sokha Chan/ }).isDisabled(), soon).toBe(true);
    await shoot(page, 'customer-new-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Paid and synced: the server's audit row of the sale names the admin who approved.
    const due = ((await runner.run('sale', null)) as SaleView).totals.dueCents;
    await runner.run('pay', { method: 'cash', currency: 'USD', tendered: due });
    await runner.run('commitSale', null);
    await runner.run('syncNow', null);
    const rows = await shop.server.database.db
      .selectFrom('audit_log')
      .select(['after_json', 'actor_id'])
      .where('action', '=', 'pos.sale')
      .execute();
    const approved = rows.map((row) => JSON.parse(row.after_json as string) as Record<string, unknown>);
    expect(approved).toContainEqual(expect.objectContaining({ discountApprovedBy: admin.id }));
    expect(rows.find((row) => String(row.after_json).includes(admin.id))?.actor_id).toBe(cashier.id);

    // In Khmer: the refusals the cashier meets are Khmer too, on the sale screen and in the PIN pad.
    await page.reload();
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await page.getByRole('combobox').waitFor();
    await scan(page, item!.barcode!);
    await page.getByTestId('sale-line').waitFor();
    const orderDiscountKm = page.getByLabel('បញ្ចុះតម្លៃលើការលក់ $');
    await orderDiscountKm.fill(dollars(price + 100));
    await orderDiscountKm.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent(), soon)
      .toBe('ការបញ្ចុះតម្លៃមិនអាចលើសតម្លៃការលក់ទេ');
    await orderDiscountKm.fill(dollars(overLimit));
    await orderDiscountKm.press('Enter');
    await expect.poll(() => dialog.textContent(), soon).toContain('បុគ្គលិក អាចបញ្ចុះតម្លៃបានច្រើនបំផុត 10%');
    await page.getByLabel('PIN').fill('0000');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent(), soon).toBe('លេខ PIN មិនត្រឹមត្រូវ');
    await shoot(page, 'discount-approval-km');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('total-usd').textContent(), soon).toBe(formatUsd(price));

    // The customer search and a wrong phone, in Khmer.
    await page.keyboard.press('F4');
    await dialog.getByLabel('លេខទូរស័ព្ទ ឬឈ្មោះ').fill('0975');
    await expect
      .poll(() => dialog.getByRole('button', { name: /Sokha Chan/ }).textContent(), soon)
      .toContain('កំពុងរង់ចាំម៉ាស៊ីនមេរបស់ហាង');
    await dialog.getByRole('button', { name: 'អតិថិជនថ្មី' }).click();
    await dialog.getByLabel('លេខទូរស័ព្ទ', { exact: true }).fill('12');
    await dialog.getByLabel('ឈ្មោះ', { exact: true }).fill('Dara');
    await dialog.getByRole('button', { name: 'បន្ថែមអតិថិជន' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent(), soon)
      .toBe('សូមបញ្ចូលលេខទូរស័ព្ទកម្ពុជា ដូចជា 012 345 678 ឬ +855 12 345 678');
    await shoot(page, 'customer-new-km');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A new counter's pairing screen, in Khmer too.
    const pairing = await shop.page({ viewport: sizes[0]! });
    await pairing.goto(newHost.url);
    await pairing.getByRole('heading', { name: 'Set up this counter' }).waitFor();
    await shoot(pairing, 'pairing-en');
    await pairing.getByRole('button', { name: 'ខ្មែរ' }).click();
    await pairing.getByRole('heading', { name: 'រៀបចំម៉ាស៊ីនលក់នេះ' }).waitFor();
    expect(await pairing.getByRole('button', { name: 'ផ្គូផ្គងម៉ាស៊ីនលក់នេះ' }).count()).toBe(1);
    await shoot(pairing, 'pairing-km');
  });
});
