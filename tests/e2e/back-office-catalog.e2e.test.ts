import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../desktop/src/bridge/protocol';
import type { ProductHit } from '../../desktop/src/core/catalog/lookup';
import { type RunningHost } from '../../desktop/src/host/server';
import { picture } from '../../server/test/pictures';
import { type Shop, type ShopPage } from './harness';
import { typeLikeAScanner } from './scanner-keys';
import { startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * The back office's products and stock in Chromium through the browser host, against the real server: an admin
 * creates a product with its category's specs (the barcode scanned into its field), uploads a picture, receives
 * stock with serials scanned one by one, and reads the stock history; the product is then in the web shop with its
 * picture and, after a pull, at the counter. Set-up copied from back-office.e2e.test.ts.
 */
let rig: BackOfficeRig;
let shop: Shop;
let host: RunningHost;
let runner: CommandRunner;
let owner: Person;
let clerk: Person;
/** The product the admin made in the first test, for the staff member in the second. */
let made: { id: string; name: string; tag: string } | null = null;
/** Not committed: screenshots to look at, when asked for (SCREENSHOTS_DIR=/some/folder). */
const shots = process.env.SCREENSHOTS_DIR;

beforeAll(async () => {
  rig = await startBackOfficeRig('back-office-catalog', [
    { role: 'admin', name: 'Chanthou' },
    { role: 'staff', name: 'Dara' },
  ]);
  ({ shop, host, runner } = rig);
  [owner, clerk] = rig.people as [Person, Person];
  if (shots) fs.mkdirSync(shots, { recursive: true });
});
afterAll(() => rig?.stop());

/** Types like a barcode scanner: the characters a few milliseconds apart, Enter straight after. */
const scan = typeLikeAScanner;

/** The text of a list row's cell under the column headed `header` (the list's own table header). */
function cellOf(row: ReturnType<ShopPage['getByTestId']>, header: string): Promise<string> {
  return row.evaluate((tr, wanted) => {
    const headers = [...(tr.closest('table')?.querySelectorAll('thead th') ?? [])].map((th) =>
      (th.textContent ?? '').trim(),
    );
    const index = headers.indexOf(wanted);
    return index < 0 ? `no column ${wanted}` : (tr.children[index]?.textContent ?? '').trim();
  }, header);
}

async function shoot(page: ShopPage, name: string) {
  if (!shots) return;
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(shots, `${name}-1366x768.png`) });
}

/** The screen as it is, in English and then in Khmer (what was typed stays), and back to English. */
async function shootInBoth(page: ShopPage, name: string) {
  if (!shots) return;
  await shoot(page, `${name}-en`);
  await page.getByRole('button', { name: 'ខ្មែរ' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('km');
  await shoot(page, `${name}-km`);
  await page.getByRole('button', { name: 'EN' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
}

/** Every <img> on the page has loaded a picture (none broken, none still loading). */
const picturesLoaded = (page: ShopPage, selector: string) =>
  page.$$eval(
    selector,
    (images) => images.length > 0 && images.every((image) => (image as HTMLImageElement).naturalWidth > 0),
  );

describe('products and stock in the back office', () => {
  it('an admin creates a product with specs and a picture, receives serials; web shop and counter show it', async () => {
    const admin = await shop.staffClient('admin');
    const cpu = (await admin.listCategories({})).items.find((c) => c.specKind === 'cpu')!;
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const sku = `CPU-${tag}`;
    const name = `Ryzen 7 9700X ${tag}`;
    const barcode = `885${Date.now().toString().slice(-10)}`;

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await rig.openBackOffice(page, owner);
    const areas = page.getByRole('navigation', { name: 'Back office areas' });
    await areas.getByRole('link', { name: 'Products' }).click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThan(5);
    // Filters live in the address: out-of-stock products only.
    await page.getByLabel('Stock', { exact: true }).selectOption('out');
    await expect.poll(() => page.url()).toContain('stock=out');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThan(5);
    await shoot(page, 'products-list-en');

    // A subcategory of CPUs (Khmer name, CPU specs) and a brand, made on their own screens.
    await page.getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('button', { name: 'New category' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(`Desktop CPUs ${tag}`);
    await dialog.getByLabel('Name in Khmer').fill('ស៊ីភីយូកុំព្យូទ័រលើតុ');
    await dialog.getByLabel('Under').selectOption(cpu.id);
    await dialog.getByLabel('Specification kind').selectOption('cpu');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('cell', { name: `Desktop CPUs ${tag}` }).waitFor();
    const sub = (await admin.listCategories({})).items.find((c) => c.name === `Desktop CPUs ${tag}`)!;
    expect(sub).toMatchObject({ parentId: cpu.id, specKind: 'cpu', nameKm: 'ស៊ីភីយូកុំព្យូទ័រលើតុ' });
    await page.getByRole('link', { name: 'Back to products' }).click();
    await page.getByRole('link', { name: 'Brands' }).click();
    await page.getByRole('button', { name: 'New brand' }).click();
    await dialog.getByLabel('Name').fill(`Forge ${tag}`);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('cell', { name: `Forge ${tag}` }).waitFor();
    const brand = (await admin.listBrands({})).items.find((b) => b.name === `Forge ${tag}`)!;
    await page.getByRole('link', { name: 'Back to products' }).click();

    // A new product: its barcode scanned into the field (the scanner's Enter does not submit the form).
    await page.getByRole('button', { name: 'New product' }).click();
    await page.getByRole('heading', { name: 'New product' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('SKU', { exact: true }).fill(sku);
    await page.getByLabel('Barcode').click();
    await scan(page, barcode);
    expect(page.url()).toContain('/back-office/products/new');
    expect(await page.getByLabel('Barcode').inputValue()).toBe(barcode);
    await page.getByLabel('Category').selectOption(sub.id);
    await page.getByLabel('Brand').selectOption(brand.id);
    await page.getByLabel('Price (USD)', { exact: true }).fill('329');
    await page.getByLabel('Price before sale (USD)').fill('359');
    await page.getByLabel('Cost price (USD)').fill('280.50');
    await page.getByLabel('Warranty (months)').fill('36');
    await page.getByLabel('Tracked by serial number').check();
    // The CPU category's specs.
    await page.getByLabel('Socket').fill('AM5');
    await page.getByLabel('Cores').fill('8');
    await page.getByLabel('Integrated graphics').selectOption('true');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: `Edit product: ${name}` }).waitFor();
    const productId = /products\/([0-9A-Z]{26})/.exec(page.url())![1]!;
    made = { id: productId, name, tag };
    const created = await admin.getAdminProduct({ params: { id: productId } });
    expect(created).toMatchObject({
      sku,
      barcode,
      priceCents: 32900,
      compareAtCents: 35900,
      costCents: 28050,
      warrantyMonths: 36,
      serialized: true,
      active: true,
    });
    expect(Object.fromEntries(created.specs.map((s) => [s.key, s.value]))).toEqual({
      socket: 'AM5',
      cores: 8,
      integratedGraphics: true,
    });

    // A picture, uploaded and shown back (through the staff picture route: the core carries /api/v1 only).
    const png = await picture(1200, 900, '#c2410c').png().toBuffer();
    await page
      .getByLabel('Add a picture')
      .setInputFiles({ name: 'ryzen.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByTestId('product-picture').count()).toBe(1);
    await expect.poll(() => picturesLoaded(page, '[data-testid="product-picture"] img')).toBe(true);
    await page.getByRole('link', { name: 'Back to products' }).scrollIntoViewIfNeeded();
    await shoot(page, 'products-edit-en');

    // Receiving goods: supplier, reference, unit cost; serials scanned one by one without saving early.
    await page.getByRole('link', { name: 'Receive stock' }).click();
    await page.getByTestId('picked-product').getByText(name).waitFor();
    await page.getByLabel('Supplier', { exact: true }).fill('Digital Star Co.');
    await page.getByLabel('Supplier’s reference (invoice, delivery note)').fill('INV-7781');
    await page.getByLabel('Unit cost (USD)').fill('275');
    await page.getByLabel('Scan a serial number').click();
    for (const serial of [`SN-${tag}-001`, `SN-${tag}-002`]) await scan(page, serial);
    await scan(page, `SN-${tag}-002`);
    await page.getByText('This serial number is already in the list.').waitFor();
    await page.getByText('2 serials scanned').waitFor();
    expect((await admin.getProductStock({ params: { id: productId } })).onHand).toBe(0);
    await shoot(page, 'stock-receive-en');
    await page.getByRole('button', { name: 'Receive', exact: true }).click();
    await page.getByText(`Received 2 × ${name}.`).waitFor();
    const stock = await admin.getProductStock({ params: { id: productId } });
    expect(stock).toMatchObject({ onHand: 2, available: 2 });
    expect(stock.serials.map((s) => s.serial).sort()).toEqual([`SN-${tag}-001`, `SN-${tag}-002`]);
    expect((await admin.getAdminProduct({ params: { id: productId } })).costCents).toBe(27500);
    // The receipt keeps them as its own fields: nothing written into the reason.
    expect(stock.movements[0]).toMatchObject({
      supplier: 'Digital Star Co.',
      reference: 'INV-7781',
      unitCostCents: 27500,
      reason: null,
    });

    // The stock history: who received it, from which supplier, on which invoice, at what cost (an admin sees it).
    await page.getByRole('link', { name: 'Stock history' }).click();
    await page.getByRole('heading', { name: `Stock history: ${name}` }).waitFor();
    const row = page.getByTestId('list-row').first();
    await expect.poll(() => row.textContent()).toContain('Receipt');
    expect(await row.textContent()).toContain('Chanthou');
    await expect.poll(() => cellOf(row, 'Supplier')).toBe('Digital Star Co.');
    expect(await cellOf(row, 'Order or reference')).toBe('INV-7781');
    expect(await cellOf(row, 'Unit cost')).toBe('$275.00');
    // Found again by its invoice number.
    await page.getByLabel('Supplier or reference').fill('inv-77');
    await page.getByLabel('Supplier or reference').press('Enter');
    await expect.poll(() => page.url()).toContain('q=inv-77');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await shoot(page, 'stock-history-en');

    // In the list, under the parent category (its subcategories included), with its picture and stock state.
    await page.goto(`${host.url}/#/back-office/products?categoryId=${cpu.id}&q=${sku}`);
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    expect(await page.getByTestId('list-row').textContent()).toContain('Low');
    await expect.poll(() => picturesLoaded(page, '[data-testid="list-row"] img')).toBe(true);

    // The web shop: the product with its picture, at once (public API, its file, and the product page).
    const published = await shop.server.client.getProduct({ params: { idOrSlug: productId } });
    // Two units, at or below the default low-stock threshold (3): on sale, shown as low.
    expect(published).toMatchObject({ name, availability: 'low_stock', priceCents: 32900 });
    expect(published.images).toHaveLength(1);
    const file = await fetch(`${shop.url}${published.images[0]!.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    const customer = await shop.page();
    await customer.goto(`/products/${published.slug}`);
    await customer.getByRole('heading', { name }).waitFor();
    await expect.poll(() => picturesLoaded(customer, `img[src*="${published.images[0]!.id}"]`)).toBe(true);
    expect(customer.errors).toEqual([]);

    // The counter, after its next pull: found by its barcode, serialized, with the two units.
    await runner.run('syncNow', null);
    const hits = (await runner.run('lookup', { query: barcode })) as ProductHit[];
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      id: productId,
      sku,
      barcode,
      serialized: true,
      warrantyMonths: 36,
      available: 2,
      // The counter charges the sale price, and knows the price before the sale.
      unitPriceCents: 32900,
      priceCents: 35900,
    });

    // The same screens in Khmer.
    if (shots) {
      await page.getByRole('button', { name: 'ខ្មែរ' }).click();
      await page.goto(`${host.url}/#/back-office/products`);
      await expect.poll(() => page.getByTestId('list-row').count()).toBeGreaterThan(5);
      await shoot(page, 'products-list-km');
      await page.goto(`${host.url}/#/back-office/products/${productId}`);
      await page.getByRole('heading', { name: `កែផលិតផល: ${name}` }).waitFor();
      await expect.poll(() => picturesLoaded(page, '[data-testid="product-picture"] img')).toBe(true);
      await page.getByRole('link', { name: 'ត្រឡប់ទៅផលិតផល' }).scrollIntoViewIfNeeded();
      await shoot(page, 'products-edit-km');
      await page.goto(`${host.url}/#/back-office/products/categories`);
      await expect.poll(() => page.getByTestId('category-row').count()).toBeGreaterThan(3);
      await shoot(page, 'products-categories-km');
      await page.goto(`${host.url}/#/back-office/stock/valuation`);
      await page.getByTestId('valuation-totals').waitFor();
      await shoot(page, 'stock-valuation-km');
      await page.goto(`${host.url}/#/back-office/stock/receive?product=${productId}`);
      await page.getByTestId('picked-product').waitFor();
      await page.getByLabel('អ្នកផ្គត់ផ្គង់', { exact: true }).fill('Digital Star Co.');
      await page.getByLabel('ស្កេនលេខស៊េរី').click();
      await scan(page, `SN-${tag}-003`);
      await shoot(page, 'stock-receive-km');
      await page.goto(`${host.url}/#/back-office/stock/history/${productId}`);
      await expect.poll(() => page.getByTestId('list-row').first().textContent()).toContain('ការទទួលទំនិញ');
      await shoot(page, 'stock-history-km');
      await page.getByRole('button', { name: 'EN' }).click();
      await page.goto(`${host.url}/#/back-office/stock/valuation`);
      await page.getByTestId('valuation-totals').waitFor();
      await shoot(page, 'stock-valuation-en');
      await page.goto(`${host.url}/#/back-office/products/categories`);
      await expect.poll(() => page.getByTestId('category-row').count()).toBeGreaterThan(3);
      await shoot(page, 'products-categories-en');
    }
    expect(page.errors.filter((error) => !error.includes('401'))).toEqual([]);
    await page.close();
  });

  it('staff read products with their stock, adjust it with a reason, see it low and resolve a counter shortfall', async () => {
    expect(made).not.toBeNull();
    const { id, name, tag } = made!;
    await runner.run('signOut', null);
    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await rig.openBackOffice(page, clerk);
    const areas = page.getByRole('navigation', { name: 'Back office areas' });
    await areas.getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Search').fill(name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'New product' }).count()).toBe(0);
    await page.getByTestId('list-row').click();
    await page.getByText('Only admins change products. You can see them and their stock.').waitFor();
    await page.getByRole('heading', { name }).waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByText('Cost price').count()).toBe(0);
    await shootInBoth(page, 'products-view-staff');

    // Staff have no valuation at cost; they adjust stock with a reason, naming the serial of the unit written off.
    await areas.getByRole('link', { name: 'Stock' }).click();
    await page.getByRole('link', { name: 'Low stock' }).waitFor();
    expect(await page.getByRole('link', { name: 'Valuation at cost' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Adjust' }).click();
    await page.getByLabel('Product').click();
    await scan(page, `CPU-${tag}`);
    await page.getByTestId('picked-product').getByText(name).waitFor();
    expect(page.url()).toContain(`product=${id}`);
    await page.getByLabel('Change (+ found, − missing)').fill('-1');
    await page.getByLabel('Scan a serial number').click();
    await scan(page, `SN-${tag}-002`);
    await page.getByLabel('Common reasons').selectOption('Damaged');
    await page.getByLabel('Reason', { exact: true }).fill('dropped while unpacking');
    await shootInBoth(page, 'stock-adjust');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByText(`Adjusted ${name} by -1.`).waitFor();
    const admin = await shop.staffClient('admin');
    const stock = await admin.getProductStock({ params: { id } });
    expect(stock).toMatchObject({ onHand: 1, available: 1 });
    expect(stock.movements[0]).toMatchObject({
      type: 'adjust',
      onHandDelta: -1,
      reason: 'Damaged: dropped while unpacking',
      actorName: 'Dara',
    });

    // One left, at or below the reorder level: on the low-stock list, two short of it.
    await page.getByRole('link', { name: 'Low stock' }).click();
    await page.getByLabel('Search').fill(`CPU-${tag}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    expect(await page.getByTestId('list-row').textContent()).toContain(name);
    await shootInBoth(page, 'stock-low');

    // A counter sells a unit the server no longer has (its shelf was counted to zero meanwhile): a shortfall,
    // which staff resolve saying how.
    const { items } = await shop.server.client.listProducts({ query: { q: 'mouse', inStock: true } });
    const mouse = items[0]!;
    const shelf = await admin.getProductStock({ params: { id: mouse.id } });
    await admin.recordStockMovement({
      body: { productId: mouse.id, type: 'adjust', quantity: -shelf.available, reason: 'Shelf counted' },
    });
    await runner.run('addLine', { productId: mouse.id });
    const due = ((await runner.run('sale', null)) as { totals: { dueCents: number } }).totals.dueCents;
    await runner.run('pay', { method: 'cash', currency: 'USD', tendered: due });
    await runner.run('commitSale', null);
    await runner.run('syncNow', null);
    await page.getByRole('link', { name: 'Counter shortfalls' }).click();
    const shortfall = page.getByTestId('shortfall-row').filter({ hasText: mouse.name });
    await shortfall.waitFor();
    expect(await shortfall.textContent()).toContain('Back room');
    await shootInBoth(page, 'stock-shortfalls');
    await shortfall.getByRole('button', { name: 'Resolve' }).click();
    await page.getByLabel('How was it resolved?').fill('Found one more behind the counter');
    await page.getByRole('dialog').getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => shortfall.count()).toBe(0);
    const open = await admin.listShortfalls({});
    expect(open.items.filter((item) => item.productId === mouse.id)).toEqual([]);
    expect(page.errors.filter((error) => !error.includes('401'))).toEqual([]);
  });
});
