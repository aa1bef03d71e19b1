import type { ProductSummary } from '@shop/shared';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptop, phone, startShop, type Shop, type ShopPage } from './harness';

/** Browsing: search, filters in the address, the product page, comparison and the cart count in the header. */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const cards = (page: Page) => page.locator('[data-product-card]');
/** The names on the product cards, in order. */
const cardNames = (page: Page) => cards(page).getByRole('heading').allInnerTexts();
const resultsSettled = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 });
const filterPanel = (page: Page) => page.getByRole('complementary', { name: 'Filters' });
const compareTray = (page: Page) =>
  page.getByRole('complementary', { name: 'Products chosen for comparison' });
const cartLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Cart, / });

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
}

describe('finding products', () => {
  it('searches from the header, filters by brand and stock, sorts by price; the address keeps it', async () => {
    const page = await shop.page();
    await page.goto('/');
    await visible(cards(page).first());
    await shop.screenshot(page, 'catalog-home-1366');

    const search = page.getByRole('banner').getByRole('combobox', { name: 'Search products' });
    await search.fill('ssd');
    await search.press('Enter');
    await page.waitForURL(/\/search\?q=ssd$/);
    await visible(page.getByRole('heading', { level: 1, name: 'Results for “ssd”' }));
    await visible(cards(page).first());

    await filterPanel(page)
      .getByRole('checkbox', { name: /^Samsung \d+$/ })
      .check();
    await page.waitForURL(/brand=samsung/);
    await filterPanel(page)
      .getByRole('checkbox', { name: /^In stock only/ })
      .check();
    await page.waitForURL(/inStock=1/);
    await page.getByLabel('Sort by').selectOption('price_asc');
    await page.waitForURL(/sort=price_asc/);
    await resultsSettled(page);

    const expected = await shop.server.client.listProducts({
      query: { q: 'ssd', brand: ['samsung'], inStock: true, sort: 'price_asc' },
    });
    expect(expected.items.length).toBeGreaterThan(1);
    expect(expected.items.every((p) => p.brand.slug === 'samsung' && p.availability !== 'out_of_stock')).toBe(
      true,
    );
    await expect.poll(() => cardNames(page)).toEqual(expected.items.map((p) => p.name));
    const chips = page.getByRole('button', { name: /^Remove filter: / });
    expect(await chips.allInnerTexts()).toEqual(['In stock', 'Samsung']);
    await shop.screenshot(page, 'catalog-search-1366');

    // The address is the state: a reload shows the same list with the same choices made.
    const address = page.url();
    await page.reload();
    await visible(cards(page).first());
    expect(page.url()).toBe(address);
    await expect.poll(() => cardNames(page)).toEqual(expected.items.map((p) => p.name));
    expect(
      await filterPanel(page)
        .getByRole('checkbox', { name: /^Samsung \d+$/ })
        .isChecked(),
    ).toBe(true);
    expect(
      await filterPanel(page)
        .getByRole('checkbox', { name: /^In stock only/ })
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('price_asc');

    // Back undoes the last choice; a chip removes its filter.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('sort'));
    expect(await page.getByLabel('Sort by').inputValue()).toBe('relevance');
    await page.getByRole('button', { name: 'Remove filter: Samsung' }).click();
    await page.waitForURL((url) => !url.searchParams.has('brand') && url.searchParams.get('inStock') === '1');
    expect(page.errors).toEqual([]);
  });

  it('filters on a phone in a sheet and offers a way out of an empty result', async () => {
    const page = await shop.page({ viewport: phone });
    await page.goto('/');
    await visible(cards(page).first());
    await shop.screenshot(page, 'catalog-home-390');
    await page.goto('/c/ssds');
    await visible(page.getByRole('heading', { level: 1, name: 'SSDs' }));
    await visible(cards(page).first());
    await shop.screenshot(page, 'catalog-category-390');

    await page.getByRole('button', { name: /^Filters/ }).click();
    const sheet = page.getByRole('dialog', { name: 'Filters' });
    await visible(sheet);
    await sheet.getByRole('checkbox', { name: /^Kingston \d+$/ }).check();
    await page.waitForURL(/brand=kingston/);
    await sheet.getByRole('checkbox', { name: /^1TB \d+$/ }).check();
    await page.waitForURL(/spec=capacityGb%3A1000/);
    await resultsSettled(page);
    await shop.screenshot(page, 'catalog-filters-390');
    await sheet.getByRole('button', { name: /^Show \d+ products?$/ }).click();
    await sheet.waitFor({ state: 'hidden' });
    await visible(page.getByRole('button', { name: /^Filters 2/ }));
    const expected = await shop.server.client.listProducts({
      query: { category: 'ssds', brand: ['kingston'], spec: ['capacityGb:1000'] },
    });
    await expect.poll(() => cardNames(page)).toEqual(expected.items.map((p) => p.name));

    // A price no SSD has: nothing matches, and one button brings the list back.
    await page.goto('/c/ssds?brand=kingston&min=5000');
    await visible(page.getByText('No products match these filters'));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/c\/ssds$/);
    await visible(cards(page).first());
    expect(page.errors).toEqual([]);
  });

  it('finds what shoppers type, in English and Khmer, on a phone and a laptop', async () => {
    // Issue 15's searches: units apart or joined, a joined model number, the local word for a graphics card and
    // Khmer words for everyday things. Each names the kind of product the first results must be.
    const isLaptop = (p: ProductSummary) => /laptops$/.test(p.category.slug);
    const searches: [string, (p: ProductSummary) => boolean][] = [
      ['ssd 1 tb', (p) => p.category.slug === 'ssds' && /\b1TB\b/.test(p.name)],
      ['ssd1tb', (p) => p.category.slug === 'ssds' && /\b1TB\b/.test(p.name)],
      ['16 gb ram', (p) => p.category.slug === 'memory' && /\b16GB\b/.test(p.name)],
      ['vga', (p) => p.category.slug === 'graphics-cards'],
      ['rtx4060', (p) => /RTX 4060\b/.test(p.name)],
      ['កណ្ដុរ', (p) => /mouse/i.test(p.name)],
      ['អេក្រង់', (p) => p.category.slug === 'monitors'],
      ['រ៉េម', (p) => p.category.slug === 'memory'],
      ['ឡាបថប', isLaptop],
    ];
    const expected = new Map<string, string[]>();
    for (const [q, fits] of searches) {
      const { items } = await shop.server.client.listProducts({ query: { q, pageSize: 24 } });
      expect(items.length, q).toBeGreaterThan(0);
      expect(
        items
          .slice(0, 4)
          .filter((p) => !fits(p))
          .map((p) => p.name),
        q,
      ).toEqual([]);
      expected.set(
        q,
        items.map((p) => p.name),
      );
    }
    // One tab per language; each search typed into the header's box at a phone's width and a laptop's.
    for (const locale of ['en-US', 'km-KH']) {
      const page = await shop.page({ viewport: phone, locale });
      await page.goto('/');
      for (const viewport of [phone, laptop]) {
        await page.setViewportSize(viewport);
        for (const [q] of searches) {
          const search = page.getByRole('banner').getByRole('combobox');
          await search.fill(q);
          await search.press('Enter');
          await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === q);
          await visible(page.getByRole('heading', { level: 1, name: q }));
          await resultsSettled(page);
          await expect
            .poll(() => cardNames(page), { message: `${q} ${locale} ${viewport.width}` })
            .toEqual(expected.get(q));
        }
      }
      await page.goto(`/search?q=${encodeURIComponent('ឡាបថប')}`);
      await visible(cards(page).first());
      await shop.screenshot(page, `catalog-search-${locale.slice(0, 2)}-1366`);
      await page.setViewportSize(phone);
      await shop.screenshot(page, `catalog-search-${locale.slice(0, 2)}-390`);
      expect(page.errors).toEqual([]);
    }
  });

  it('on a phone, a search for nothing shows what is nearest and the categories that fit', async () => {
    const page = await shop.page({ viewport: phone });
    // Nothing matches every word: the ASUS products nearest to it and the categories they are in.
    const nothing = await shop.server.client.listProducts({ query: { q: 'asus zzzz' } });
    expect(nothing.total).toBe(0);
    const nearest = nothing.suggestions!;
    await page.goto('/search?q=asus%20zzzz');
    await visible(page.getByText('Nothing found for “asus zzzz”'));
    await visible(page.getByRole('heading', { name: 'Nearest results' }));
    await expect.poll(() => cardNames(page)).toEqual(nearest.items.map((p) => p.name));
    const fitting = page.getByRole('navigation', { name: 'Categories that fit' }).getByRole('link');
    expect(await fitting.allInnerTexts()).toEqual(nearest.categories.map((c) => `${c.name} (${c.count})`));
    await shop.screenshot(page, 'catalog-search-nearest-390');
    await fitting.first().click();
    await page.waitForURL(new RegExp(`/c/${nearest.categories[0]!.slug}$`));
    await visible(cards(page).first());

    // A search for one letter matches much of the catalog: the best of a bounded part is ranked, and the count
    // says "at least".
    const broad = await shop.server.client.listProducts({ query: { q: 'g' } });
    expect(broad.partial).toBe(true);
    await page.goto('/search?q=g');
    await visible(page.getByText(`1–24 of ${broad.total}+ products`));
    expect(page.errors).toEqual([]);
  });

  it('shows a way back for a category or product that does not exist', async () => {
    const page = await shop.page();
    await page.goto('/c/no-such-category');
    await visible(page.getByRole('heading', { name: 'This category does not exist' }));
    await page.goto('/products/no-such-product');
    await visible(page.getByText('This product is not available'));
    await visible(page.getByRole('main').getByRole('link', { name: 'SSDs' }));
    // The pages themselves are 404s too (so search engines drop them), as is the API's answer.
    const expected =
      /^HTTP 404 GET (\/api\/v1\/products|\/c\/no-such-category$|\/products\/no-such-product$)/;
    expect(page.errors.filter((e) => !expected.test(e))).toEqual([]);
  });
});

describe('the product page and the cart', () => {
  it('opens a product from the results, adds two to the cart and shows the count in the header', async () => {
    // A second picture (a photo of the box) besides the catalog's drawing.
    const query = { q: 'ssd', inStock: true, sort: 'price_asc' } as const;
    const [first] = (await shop.server.client.listProducts({ query })).items;
    const admin = await shop.staffClient('admin');
    const photo = await sharp({ create: { width: 900, height: 900, channels: 3, background: '#1d4ed8' } })
      .png()
      .toBuffer();
    await admin.uploadProductImage({
      params: { id: first!.id },
      body: { alt: 'The retail box' },
      file: new Blob([new Uint8Array(photo)], { type: 'image/png' }),
      fileName: 'box.png',
    });

    const page = await shop.page();
    await page.goto('/search?q=ssd&inStock=1&sort=price_asc');
    await visible(cards(page).first());
    const name = (await cardNames(page))[0]!;
    expect(name).toBe(first!.name);
    await cards(page).first().getByRole('link', { name }).click();
    await visible(page.getByRole('heading', { level: 1, name }));
    await visible(page.getByRole('img', { name }));
    await visible(page.getByRole('table'));
    await page.getByRole('button', { name: 'Picture 2 of 2' }).click();
    await visible(page.getByRole('img', { name: 'The retail box' }));

    await page.getByRole('button', { name: 'One more' }).click();
    expect(await page.getByLabel('Quantity').inputValue()).toBe('2');
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await visible(page.getByRole('main').getByRole('link', { name: 'View cart' }));
    await expect.poll(() => cartLink(page).getAttribute('aria-label')).toBe('Cart, 2 items');

    // The quick button on a related product's card adds one more.
    const related = page.getByRole('region', { name: /^More / });
    await related
      .getByRole('button', { name: /^Add .* to cart$/ })
      .first()
      .click();
    await expect.poll(() => cartLink(page).getAttribute('aria-label')).toBe('Cart, 3 items');

    // The picture opens full screen.
    await page.getByRole('button', { name: 'Enlarge picture' }).click();
    const lightbox = page.getByRole('dialog', { name });
    await visible(lightbox);
    await lightbox.getByRole('button', { name: 'Zoom in' }).click();
    await visible(lightbox.getByRole('button', { name: 'Zoom out' }));
    await lightbox.getByRole('button', { name: 'Next picture' }).click();
    await visible(lightbox.getByRole('img', { name }));
    await page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });
    await shop.screenshot(page, 'catalog-product-1366');
    expect(page.errors).toEqual([]);
  });

  it('says how many are left when a customer asks for more than the shop has', async () => {
    const { items } = await shop.server.client.listProducts({ query: { category: 'ssds', inStock: true } });
    const product = items.find((p) => p.availability === 'low_stock') ?? items[0]!;
    const page = await shop.page({ viewport: phone });
    await page.goto(`/products/${product.slug}`);
    await visible(page.getByRole('heading', { level: 1, name: product.name }));
    await page.getByLabel('Quantity').fill('99');
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await visible(page.getByRole('alert').filter({ hasText: /^Only \d+ available$/ }));
    await shop.screenshot(page, 'catalog-product-390');
    expect(page.errors.filter((e) => e !== 'HTTP 409 POST /api/v1/cart/items')).toEqual([]);
  });
});

describe('on a phone and in Khmer', () => {
  it('a Khmer product page shows Khmer spec labels and description, English marked where the shop has none', async () => {
    const { items } = await shop.server.client.listProducts({ query: { category: 'cpus', inStock: true } });
    const cpu = items.find((p) => p.availability === 'in_stock')!;
    const page = await shop.page({ viewport: phone, locale: 'km-KH' });
    await page.goto(`/products/${cpu.slug}`);
    await visible(page.getByRole('heading', { level: 1, name: cpu.name }));
    const specs = page.getByRole('table');
    await visible(specs.getByRole('rowheader', { name: 'ស្នូល' }));
    await visible(specs.getByRole('rowheader', { name: 'រន្ធដោត' }));
    await visible(specs.getByRole('cell', { name: /^\d+ ស្នូល$/ }));
    await visible(
      page
        .getByRole('list', { name: 'លក្ខណៈសំខាន់ៗ' })
        .first()
        .getByText(/^\d+ ស្នូល \/ \d+ ខ្សែស្រឡាយ$/),
    );
    const detail = await shop.server.client.getProduct({ params: { idOrSlug: cpu.slug } });
    await visible(page.getByText(detail.descriptionKm!, { exact: true }));
    expect(await page.locator('[data-in-english]').count()).toBe(0);
    // Price and Add to cart on the first screen: the phone's buy bar, at the bottom of it.
    const bar = page.getByTestId('buy-bar');
    await visible(bar.getByRole('button', { name: `ដាក់ ${cpu.name} ក្នុងរទេះ` }));
    expect((await bar.boundingBox())!.y + (await bar.boundingBox())!.height).toBeLessThanOrEqual(
      phone.height,
    );
    await shop.screenshot(page, 'catalog-product-km-390');

    // Without a Khmer description the English one is shown, and says it is English.
    const admin = await shop.staffClient('admin');
    await admin.updateProduct({ params: { id: cpu.id }, body: { descriptionKm: null } });
    await page.reload();
    const description = page.getByRole('region', { name: 'ការពិពណ៌នា' });
    await visible(description.getByText(detail.description, { exact: true }));
    await visible(description.getByText('ភាសាអង់គ្លេស', { exact: true }));
    await admin.updateProduct({ params: { id: cpu.id }, body: { descriptionKm: detail.descriptionKm } });

    // On a laptop the purchase box is beside the picture: no bar, labels still Khmer.
    await page.setViewportSize({ width: 1366, height: 768 });
    await visible(specs.getByRole('rowheader', { name: 'ស្នូល' }));
    await bar.waitFor({ state: 'hidden' });
    const addToCart = await page.getByRole('button', { name: 'ដាក់ក្នុងរទេះ', exact: true }).boundingBox();
    expect(addToCart!.y + addToCart!.height).toBeLessThanOrEqual(768);
    await shop.screenshot(page, 'catalog-product-km-1366');
    expect(page.errors).toEqual([]);
  });

  it('cards on a phone say what their specs are and keep the whole name', async () => {
    const page = await shop.page({ viewport: phone });
    await page.goto('/c/cpus');
    await visible(cards(page).first());
    const keySpecs = cards(page).first().getByRole('list', { name: 'Key specifications' });
    await visible(keySpecs.getByText(/^\d+ cores \/ \d+ threads$/));
    const heading = cards(page).first().getByRole('heading');
    expect(await heading.getAttribute('title')).toBe(await heading.innerText());
    await shop.screenshot(page, 'catalog-cards-390');
    expect(page.errors).toEqual([]);
  });

  it('a product link pasted into a tab opens at the top; back within the shop returns to where it was', async () => {
    const page = await shop.page();
    await page.goto('/c/ssds');
    await visible(cards(page).first());
    const card = cards(page).nth(8);
    await card.scrollIntoViewIfNeeded();
    const scrolled = (await page.evaluate('window.scrollY')) as number;
    expect(scrolled).toBeGreaterThan(300);
    const name = await card.getByRole('heading').innerText();
    await card.getByRole('link', { name }).click();
    await visible(page.getByRole('heading', { level: 1, name }));
    await expect.poll(() => page.evaluate('window.scrollY')).toBe(0);
    await page.goBack();
    await expect.poll(() => page.evaluate('window.scrollY')).toBe(scrolled);

    // A full load of a product's address, as pasting a link into this tab does.
    const { items } = await shop.server.client.listProducts({ query: { category: 'monitors', pageSize: 1 } });
    await page.goto(`/products/${items[0]!.slug}`);
    await visible(page.getByRole('heading', { level: 1, name: items[0]!.name }));
    await visible(page.getByRole('table'));
    expect(await page.evaluate('window.scrollY')).toBe(0);
    expect(page.errors).toEqual([]);
  });
});

describe('comparing', () => {
  async function tickCompare(page: ShopPage, index: number): Promise<string> {
    const card = cards(page).nth(index);
    const name = await card.getByRole('heading').innerText();
    await card.getByRole('checkbox', { name: `Compare ${name}` }).check();
    return name;
  }

  it('compares three SSDs side by side, refuses a monitor, and keeps the list across pages', async () => {
    const page = await shop.page();
    await page.goto('/c/ssds');
    await visible(cards(page).first());
    const chosen = [await tickCompare(page, 0), await tickCompare(page, 1), await tickCompare(page, 4)];
    const tray = compareTray(page);
    await visible(tray.getByRole('link', { name: 'Compare (3)' }));

    // Another kind of product is refused with the reason.
    await page.goto('/c/monitors');
    await visible(cards(page).first());
    const monitor = cards(page).first();
    const monitorName = await monitor.getByRole('heading').innerText();
    await monitor.getByRole('checkbox', { name: `Compare ${monitorName}` }).click();
    await visible(page.getByText('Compare one kind of product at a time').first());
    expect(await monitor.getByRole('checkbox', { name: `Compare ${monitorName}` }).isChecked()).toBe(false);

    await compareTray(page).getByRole('link', { name: 'Compare (3)' }).click();
    await page.waitForURL(/\/compare\?ids=[^,]+,[^,]+,[^,]+$/);
    const table = page.getByRole('table', { name: 'Specifications side by side' });
    await visible(table);
    const columns = table.getByRole('columnheader');
    await expect.poll(() => columns.count()).toBe(4);
    for (const name of chosen) await visible(table.getByRole('link', { name }));
    await visible(table.getByRole('rowheader', { name: /^Capacity/ }));
    await visible(table.getByRole('rowheader', { name: /^Price/ }));
    await shop.screenshot(page, 'catalog-compare-1366');

    // Only the rows where they differ; then one column fewer, in the address too.
    await page.getByRole('checkbox', { name: 'Show only differences' }).check();
    await visible(table.getByRole('rowheader', { name: /\(differs\)$/ }).first());
    const rows = await table.getByRole('rowheader').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    await table.getByRole('button', { name: `Remove ${chosen[2]} from the comparison` }).click();
    await expect.poll(() => columns.count()).toBe(3);
    await page.waitForURL(/\/compare\?ids=[^,]+,[^,]+$/);

    // The comparison's address opened on a phone shows the same products.
    const phonePage = await shop.page({ viewport: phone });
    await phonePage.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    const phoneTable = phonePage.getByRole('table', { name: 'Specifications side by side' });
    await visible(phoneTable);
    for (const name of chosen.slice(0, 2)) await visible(phoneTable.getByRole('link', { name }));
    await phoneTable.getByRole('button', { name: `Add ${chosen[0]} to cart` }).click();
    await expect.poll(() => cartLink(phonePage).getAttribute('aria-label')).toBe('Cart, 1 item');
    await shop.screenshot(phonePage, 'catalog-compare-390');
    expect([...page.errors, ...phonePage.errors]).toEqual([]);
  });
});

describe('back in stock', () => {
  it('a visitor on a phone asks to be mailed about a sold-out product; the mail links it when staff receive it', async () => {
    // A PC case staff counted to nothing (cases carry no serial numbers, so none to write off).
    const admin = await shop.staffClient('admin');
    const cases = await shop.server.client.listProducts({ query: { category: 'cases', inStock: true } });
    const soldOut = cases.items.at(-1)!;
    const { available } = await admin.getProductStock({ params: { id: soldOut.id } });
    await admin.recordStockMovement({
      body: { productId: soldOut.id, type: 'adjust', quantity: -available, reason: 'stock count' },
    });
    const page = await shop.page({ viewport: phone });
    await page.goto(`/products/${soldOut.slug}`);
    await visible(page.getByRole('heading', { level: 1, name: soldOut.name }));
    expect(await page.getByRole('button', { name: 'Add to cart', exact: true }).count()).toBe(0);

    // The warranty terms fold out under the product.
    await page.getByText('Warranty terms').click();
    await visible(page.getByText('Water and other liquid damage'));
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.evaluate('window.scrollTo(0, 0)'); // else the sticky header is drawn mid-page
    await shop.screenshot(page, 'catalog-stock-alert-1366');
    await page.setViewportSize(phone);

    const email = `alert-${Date.now()}@example.test`;
    const address = page.getByLabel('Your email');
    await address.fill('not an address');
    await page.getByRole('button', { name: 'Notify me' }).click();
    await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
    await address.fill(email);
    await page.getByRole('button', { name: 'Notify me' }).click();
    await visible(page.getByRole('status').filter({ hasText: `We will email ${email} once` }));
    await shop.screenshot(page, 'catalog-stock-alert-390');

    // A visitor reading Khmer: the terms and the form in Khmer, and so the mail.
    const khmer = await shop.page({ viewport: phone, locale: 'km-KH' });
    await khmer.goto(`/products/${soldOut.slug}`);
    await visible(khmer.getByRole('heading', { level: 1, name: soldOut.name }));
    await khmer.getByText('លក្ខខណ្ឌធានា').click();
    await visible(khmer.getByText('ការខូចខាតដោយទឹក ឬវត្ថុរាវផ្សេងៗ'));
    const khmerEmail = `alert-km-${Date.now()}@example.test`;
    await khmer.getByLabel('អ៊ីមែលរបស់អ្នក').fill(khmerEmail);
    await khmer.getByRole('button', { name: 'ជូនដំណឹងខ្ញុំ' }).click();
    await visible(khmer.getByRole('status').filter({ hasText: khmerEmail }));
    await khmer.evaluate('window.scrollTo(0, 0)');
    await shop.screenshot(khmer, 'catalog-stock-alert-km-390');
    expect(khmer.errors).toEqual([]);

    await admin.recordStockMovement({ body: { productId: soldOut.id, type: 'receive', quantity: 2 } });
    const khmerMail = await shop.smtp.waitFor((m) => m.to === khmerEmail, 15_000);
    expect(khmerMail.subject).toContain('មានស្តុកវិញ');
    // The mail links the product's page, which now sells it.
    await page.goto(await shop.mailLink(email, `/products/${soldOut.slug}`));
    await visible(page.getByRole('button', { name: 'Add to cart', exact: true }));
    expect(page.errors).toEqual([]);
  });
});
