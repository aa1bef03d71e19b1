import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatUsd, type PushItem, type ShopClient } from '@shop/shared';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import {
  aProductWithStock,
  pairTestCounter,
  payAndCheck,
  placedOrder,
  type TestShop,
} from '../../server/test/factory';
import { type Shop, type ShopPage } from './harness';
import { PIN, screenshots, startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * The owner's reports in the back office, in Chromium through the browser host: counter sales pushed and a web order
 * paid today, the day's report shows their totals (as the server sums them), the CSV keeps a Khmer product name
 * (UTF-8 with BOM), the print view makes a PDF; the health screen shows.
 */
let rig: BackOfficeRig;
let shop: Shop;
let runner: CommandRunner;
let owner: Person;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  rig = await startBackOfficeRig('back-office-reports', [{ role: 'admin', name: 'Sreymom' }]);
  ({ shop, runner } = rig);
  [owner] = rig.people as [Person];
  admin = await shop.staffClient('admin');
  staff = await shop.staffClient('staff');
});
afterAll(() => rig?.stop());

/** The person opens the back office; the core outlives a page, so a later test may find them in it already. */
const openBackOffice = (page: ShopPage, person: Person = owner) =>
  rig.openBackOffice(page, person, { area: 'Reports', mayBeSignedIn: true });

describe('reports and system health in the back office', () => {
  it("the owner reads the day's sales, exports them as CSV with Khmer intact, prints a PDF, and sees the health screen", async () => {
    // A product with a Khmer name: the CSV must keep it.
    const headphones = await aProductWithStock(
      { admin, staff },
      { stock: 10, priceCents: 4250, name: 'កាសស្តាប់ត្រចៀក' },
    );
    // A shift at the counter today with two sales, 2 units paid in dollars and 1 in riel, closed $5.00 short.
    const counter = await pairTestCounter({ server: shop.server, admin } as TestShop, 'Front');
    const shiftId = ulid();
    const sales: PushItem[] = [
      {
        id: ulid(),
        type: 'shift_open',
        at: Date.now(),
        staffId: owner.id,
        shiftId,
        floatUsdCents: 2000,
        floatKhr: 0,
      },
      {
        id: ulid(),
        type: 'sale',
        at: Date.now(),
        staffId: owner.id,
        shiftId,
        receiptNumber: `R-${ulid().slice(-8)}`,
        lines: [{ productId: headphones.id, quantity: 2, unitPriceCents: 4250 }],
        payments: [{ method: 'cash', currency: 'USD', amount: 8500, tendered: 10000, change: 1500 }],
      },
      {
        id: ulid(),
        type: 'sale',
        at: Date.now(),
        staffId: owner.id,
        shiftId,
        receiptNumber: `R-${ulid().slice(-8)}`,
        lines: [{ productId: headphones.id, quantity: 1, unitPriceCents: 4250 }],
        payments: [{ method: 'cash', currency: 'KHR', amount: 174_250 }],
      },
      {
        id: ulid(),
        type: 'shift_close',
        at: Date.now(),
        staffId: owner.id,
        shiftId,
        countedUsdCents: 2000 + 8500 - 500,
        countedKhr: 174_250,
      },
    ];
    const pushed = await counter.client.pushItems({ body: { items: sales } });
    expect(pushed.results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    // A web order, paid by KHQR.
    const web = await placedOrder(shop.server, { items: [{ productId: headphones.id, quantity: 1 }] });
    await payAndCheck(shop.server, (await web.api.getOrderPayment({ params: { id: web.order.id } })).khqr);
    expect((await web.api.getOrder({ params: { id: web.order.id } })).status).toBe('paid');

    // What the test made: 3 orders, 4 units, 4 × $42.50.
    const made = { orders: 3, units: 4, netCents: 4 * 4250 };
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const server = await admin.getSalesReport({ query: { from: today, to: today, groupBy: 'channel' } });
    expect(server.totals).toMatchObject(made);

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await openBackOffice(page);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    // Today is the first preset; the totals and the table show what the test sold.
    const figure = (label: string) =>
      page.getByTestId('figure').filter({ hasText: label }).locator('dd').first();
    await expect.poll(() => figure('Net').textContent()).toBe(formatUsd(made.netCents));
    expect(await figure('Orders').textContent()).toBe(String(made.orders));
    expect(await figure('Units').textContent()).toBe(String(made.units));
    expect(await page.getByRole('button', { name: 'Today' }).getAttribute('aria-pressed')).toBe('true');
    const total = page.getByTestId('report-total').first();
    await expect.poll(() => total.textContent()).toContain(formatUsd(made.netCents));
    // A chart drawn by the library (an SVG with one bar for today).
    await expect.poll(() => page.locator('figure .recharts-bar-rectangle').count()).toBe(1);
    // Takings as received: the riel sale in riel.
    await expect
      .poll(() => page.getByRole('table', { name: 'Takings as received' }).textContent())
      .toContain('174,250៛');

    // The shift with its cash difference.
    await expect
      .poll(() => page.getByRole('table', { name: 'Shifts' }).getByTestId('report-row').textContent())
      .toMatch(/Front.*Sreymom.*\$127\.50.*\$105\.00 · 174,250៛.*\$100\.00 · 174,250៛.*-\$5\.00 · 0៛/);

    // Grouped by channel: web and counter, kept in the address with the range.
    await page.getByLabel('Group by').selectOption('channel');
    await expect.poll(() => page.url()).toContain('groupBy=channel');
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => page.url()).toContain('preset=last7');
    await page.reload();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    expect(await page.getByLabel('Group by').inputValue()).toBe('channel');
    expect(await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('report-row').first().isVisible()).toBe(true);
    // The channels by their fixed keys, worded in the reader's language.
    const byChannel = page.getByRole('table', { name: 'Sales' });
    await expect.poll(() => byChannel.textContent()).toMatch(/Counter.*Web shop|Web shop.*Counter/);
    await screenshots(page, 'reports-channel', (p) => p.getByRole('heading', { name: 'របាយការណ៍' }).waitFor());
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'ការលក់' }).textContent())
      .toMatch(/កន្លែងលក់.*ហាងអនឡាញ|ហាងអនឡាញ.*កន្លែងលក់/);
    await page.getByRole('button', { name: 'English' }).click();

    // By product, today: exported as CSV with the BOM and the Khmer name intact.
    await page.getByRole('button', { name: 'Today' }).click();
    await page.getByLabel('Group by').selectOption('product');
    const salesTable = page.getByRole('table', { name: 'Sales' });
    await expect.poll(() => salesTable.textContent()).toContain(headphones.name);
    await screenshots(page, 'reports-day', (p) => p.getByRole('heading', { name: 'របាយការណ៍' }).waitFor());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sales-${today}-${today}-product.csv`);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Product,Orders,Units,Revenue,Discounts,Refunds,Net');
    expect(text).toContain(`${headphones.name},3,4,170.00,0.00,0.00,170.00`);

    // The print view as a PDF, looked at as a picture.
    await page.emulateMedia({ media: 'print' });
    const pdfPath = path.join(rig.scratch, 'report.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdf = fs.readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const shots = process.env.SCREENSHOTS_DIR;
    if (shots) {
      fs.copyFileSync(pdfPath, path.join(shots, 'reports-print.pdf'));
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdfPath,
        path.join(shots, 'reports-print'),
      ]);
    }

    // The health screen: facts, the counters, and a warning for a counter silent for two hours.
    const storeroom = await pairTestCounter({ server: shop.server, admin } as TestShop, 'Storeroom');
    await shop.server.database.db
      .updateTable('devices')
      .set({ last_sync_at: Date.now() - 2 * 3600_000 })
      .where('id', '=', storeroom.id)
      .execute();
    await page.getByRole('link', { name: 'System health' }).click();
    await page.getByRole('heading', { name: 'System health' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Counters' }).textContent()).toContain('Front');
    const serverCard = page.getByRole('region', { name: 'Server' });
    expect(await serverCard.textContent()).toContain('SQLite');
    // The database's size and the files' disk, Bakong (the stand-in) answering, this server process listed.
    expect(await serverCard.textContent()).toMatch(/Database size\d+(\.\d)? (KiB|MiB|GiB)/);
    expect(await serverCard.textContent()).toMatch(/Uploaded files[\d.]+ \w+ free of [\d.]+ \w+ \(\d+%\)/);
    expect(await page.getByRole('region', { name: 'Bakong' }).textContent()).toMatch(
      /ReachableYes, answered in \d+ ms/,
    );
    // Where the token comes from, in words (the key itself is not for people).
    expect(await page.getByRole('region', { name: 'Bakong' }).textContent()).toContain(
      'Set inThe test stand-in',
    );
    expect(await page.getByRole('table', { name: 'Server processes' }).textContent()).toContain('(this one)');
    const warnings = page.getByRole('region', { name: 'Warnings' });
    await expect
      .poll(() => warnings.textContent())
      .toContain('Counter "Storeroom" has not synced for over an hour');
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'ការព្រមាន' }).textContent())
      .toContain('បញ្ជរ "Storeroom" មិនបានធ្វើសមកាលកម្មលើសពីមួយម៉ោងហើយ');
    expect(await page.getByRole('region', { name: 'Bakong' }).textContent()).toContain('ឆ្លើយតបក្នុងរយៈពេល');
    expect(await page.getByRole('region', { name: 'Bakong' }).textContent()).toContain('ប្រព័ន្ធសាកល្បង');
    expect(await page.getByRole('table', { name: 'ដំណើរការម៉ាស៊ីនមេ' }).textContent()).toContain('(មួយនេះ)');
    await page.getByRole('button', { name: 'English' }).click();
    await screenshots(page, 'reports-health', (p) =>
      p.getByRole('heading', { name: 'សុខភាពប្រព័ន្ធ' }).waitFor(),
    );

    expect(page.errors).toEqual([]);
  });

  it("a staff member's Reports are their own open shift, nothing shop-wide", async () => {
    const clerk = await rig.staffMember('staff', 'Dara');
    // The owner steps away; the clerk signs in at this counter and opens a shift, which syncs to the server.
    await runner.run('closeBackOffice', null).catch(() => undefined);
    await runner.run('signOut', null).catch(() => undefined); // nobody signed in when this test runs alone
    // The clerk came down to this counter and signed in online here before: their PIN opens it.
    await rig.knownHere(clerk);
    await runner.run('signInWithPin', { staffId: clerk.id, pin: PIN });
    await runner.run('openShift', { floatUsdCents: 5000, floatKhr: 20_000 });
    await runner.run('syncNow', null);

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await openBackOffice(page, clerk);
    const areas = page.getByRole('navigation', { name: 'Back office areas' });
    expect(await areas.getByRole('link', { name: 'System health' }).count()).toBe(0);
    await areas.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'My shift' }).waitFor();
    await expect.poll(() => page.locator('main, body').first().textContent()).toContain('$50.00 · 20,000៛');
    expect(await page.getByText('Back room').count()).toBeGreaterThan(0);
    // The clerk's own shifts listed (the owner's never), the open one shown; showing it again keeps it.
    const list = page.getByRole('table', { name: 'My recent shifts' });
    await expect.poll(() => list.getByTestId('report-row').count()).toBe(1);
    expect(await list.textContent()).toContain('Back room');
    const show = list.getByRole('button', { name: 'Show' });
    expect(await show.getAttribute('aria-pressed')).toBe('true');
    await show.click();
    await expect
      .poll(() => page.getByLabel('Shift figures').textContent())
      .toMatch(/Float\$50\.00 · 20,000៛/);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
    await screenshots(page, 'reports-my-shift', (p) =>
      p.getByRole('heading', { name: 'វេនរបស់ខ្ញុំ' }).waitFor(),
    );
    expect(page.errors).toEqual([]);
  });
});
