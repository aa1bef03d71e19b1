import { describe, expect, it } from 'vitest';
import { aProductWithStock, failure, useTestShopWithMail } from '../../../test/factory';
import { browserClient } from '../../../test/support';

/**
 * Back-in-stock alerts through real HTTP and a real SMTP server on loopback (issue 15): an address left on an
 * out-of-stock product is mailed once, when a receipt puts units on sale again; never again for later receipts.
 */
const PUBLIC_URL = 'https://shop.example.test';
const shop = useTestShopWithMail({ env: { BAKONG_POLL_MS: '3600000', PUBLIC_URL, TRUST_PROXY: '1' } });
let ipCounter = 0;
const visitor = () => browserClient(shop.server.url, { ip: `10.25.0.${++ipCounter}` }).client;

describe('back-in-stock alerts', () => {
  it('mail an address once when the product is received again', async () => {
    const product = await aProductWithStock(shop, { stock: 0, name: 'Gaming headset' });
    const email = `alert.${Date.now()}@example.test`;
    const answer = await visitor().askForStockAlert({ params: { id: product.id }, body: { email } });
    expect(answer.status).toBe('accepted');
    // Asked twice: still one alert.
    await visitor().askForStockAlert({ params: { id: product.id }, body: { email } });

    await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 3 } });
    const mail = await shop.smtp.waitFor((m) => m.to === email && /Back in stock/.test(m.subject), 10_000);
    expect(mail.text).toMatch(/^Hello,/);
    expect(mail.text).toContain(`${product.name} is back in stock`);
    expect(mail.text).toContain(`${PUBLIC_URL}/products/${product.slug}`);

    // A later receipt mails nobody again: its mails would be queued in its own transaction, done when it answers.
    await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 1 } });
    const queued = await shop.server.database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('to_address', '=', email)
      .execute();
    expect(queued).toHaveLength(1);
  });

  it('in Khmer when asked in Khmer; an unknown product is 404 and a bad address a field error', async () => {
    const product = await aProductWithStock(shop, { stock: 0, name: 'Wireless keyboard' });
    const email = `alert.km.${Date.now()}@example.test`;
    await visitor().askForStockAlert({ params: { id: product.id }, body: { email, locale: 'km' } });
    await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 2 } });
    const mail = await shop.smtp.waitFor((m) => m.to === email, 10_000);
    expect(mail.subject).toContain('មានស្តុកវិញ');

    expect(
      await failure(visitor().askForStockAlert({ params: { id: 'no-such-product' }, body: { email } })),
    ).toMatchObject({ status: 404 });
    expect(
      await failure(
        visitor().askForStockAlert({ params: { id: product.id }, body: { email: 'not an address' } }),
      ),
    ).toMatchObject({ status: 400, fields: { email: expect.any(String) } });
  });

  it('an address asks only 10 times an hour, whatever the network; the refused ask leaves no alert', async () => {
    const product = await aProductWithStock(shop, { stock: 0, name: 'USB microphone' });
    const email = `alert.flood.${Date.now()}@example.test`;
    const ask = () => visitor().askForStockAlert({ params: { id: product.id }, body: { email } });
    for (let i = 0; i < 10; i++) expect((await ask()).status).toBe('accepted');
    expect(await failure(ask())).toMatchObject({ status: 429 });
    // Another address is not held back by this one's limit.
    const other = `alert.other.${Date.now()}@example.test`;
    await visitor().askForStockAlert({ params: { id: product.id }, body: { email: other } });
    expect(await alertsOf(product.id)).toEqual([email, other].sort());
  });

  it('a network asks only 30 times an hour, whatever the address; another network still may', async () => {
    const product = await aProductWithStock(shop, { stock: 0, name: 'Webcam 1080p' });
    const network = browserClient(shop.server.url, { ip: '10.26.0.1' }).client;
    const stamp = Date.now();
    const ask = (n: number, client = network) =>
      client.askForStockAlert({
        params: { id: product.id },
        body: { email: `alert.net.${stamp}.${n}@example.test` },
      });
    for (let n = 0; n < 30; n++) await ask(n);
    const refused = await failure(ask(30));
    expect(refused).toMatchObject({ status: 429 });
    expect(await alertsOf(product.id)).toHaveLength(30);
    expect((await ask(31, visitor())).status).toBe('accepted');
    expect(await alertsOf(product.id)).toHaveLength(31);
  });
});

/** The addresses waiting for a product, in order. */
async function alertsOf(productId: string): Promise<string[]> {
  const rows = await shop.server.database.db
    .selectFrom('stock_alerts')
    .select('email')
    .where('product_id', '=', productId)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}
