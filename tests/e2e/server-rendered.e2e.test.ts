import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { phone, startShop, type Shop } from './harness';

/**
 * The home, category, search and product pages come rendered by the server (issue 16 item 6): their first products
 * are in the HTML before any script runs, and the script then hydrates them (keeps the server's nodes, no warning)
 * in English and in Khmer. The script is held back until the test has looked at the page without it.
 */
let shop: Shop;
let pages: { address: string; text: string }[];

beforeAll(async () => {
  shop = await startShop();
  const { items } = await shop.server.client.listProducts({ query: { sort: 'newest', pageSize: 1 } });
  const { items: laptops } = await shop.server.client.listProducts({
    query: { category: 'laptops', pageSize: 1 },
  });
  const { items: found } = await shop.server.client.listProducts({ query: { q: 'ssd', pageSize: 1 } });
  pages = [
    { address: '/', text: items[0]!.name },
    { address: '/c/laptops', text: laptops[0]!.name },
    { address: '/search?q=ssd', text: found[0]!.name },
    { address: `/products/${items[0]!.slug}`, text: items[0]!.name },
  ];
});
afterAll(() => shop?.stop());

/** Console errors and warnings, uncaught exceptions, failed answers: what a mismatch would show. */
function problemsOf(page: Page & { errors: string[] }): string[] {
  const problems = page.errors;
  page.on('console', (message) => {
    if (message.type() === 'warning') problems.push(`console.warning: ${message.text()}`);
  });
  return problems;
}

for (const locale of ['en', 'km'] as const) {
  it(`renders the four pages on the server and hydrates them without a mismatch (${locale})`, async () => {
    const page = await shop.page({ viewport: phone });
    // Khmer as a customer who chose it gets it: the language switch's cookie.
    if (locale === 'km')
      await page.context().addCookies([{ name: 'shop.locale', value: 'km', url: shop.url }]);
    const problems = problemsOf(page);
    for (const { address, text } of pages) {
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      // Not 'domcontentloaded': that waits for the (held) module script.
      await page.goto(address, { waitUntil: 'commit' });
      await page.locator('main').waitFor();
      // Before any script: the products and the language are the server's.
      expect(await page.evaluate(() => document.documentElement.lang), address).toBe(locale);
      await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain(text);
      const grid = page.locator('main h1, main h2').first();
      await grid.evaluate((node) => ((node as unknown as { ssr: boolean }).ssr = true));

      release();
      await page.waitForLoadState('networkidle');
      await page.unroute(/\/assets\/index-[^/]*\.js$/);
      // The same node: React adopted the server's HTML instead of throwing it away and rendering its own.
      expect(await grid.evaluate((node) => (node as unknown as { ssr?: boolean }).ssr), address).toBe(true);
      expect(await page.locator('main').innerText(), address).toContain(text);
    }
    expect(problems).toEqual([]);
  });
}
