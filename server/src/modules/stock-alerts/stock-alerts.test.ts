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
});
