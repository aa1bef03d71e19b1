import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopClient } from '@shop/shared';
import { pdfPageCount, pdfTexts } from '../../../test/pdf-text';
import {
  aCustomer,
  aProductWithStock,
  failure,
  payAndCheck,
  placedOrder,
  startTestShop,
} from '../../../test/factory';
import { signedInAs, type TestServer } from '../../../test/support';
import { inTransaction } from '../../db/transaction';
import { setSetting } from '../settings/service';
import { formatInvoiceDate, INVOICE_VAT_KEY } from './invoice';

/**
 * Order invoices through real HTTP: the customer and staff read them as PDF or HTML, nobody else does; they show
 * the shop, the customer, the lines, USD with riel beside it, the payment, and VAT when the shop is registered.
 */

let server: TestServer;
let admin: ShopClient;
let staff: ShopClient;

const KHMER_CUSTOMER = 'សុខ ចាន់ថា';
const SHOP = { name: 'Angkor Computer', nameKm: 'ហាងកុំព្យូទ័រ អង្គរ', address: '#12, St. 271, Phnom Penh' };

beforeAll(async () => {
  ({ server, admin, staff } = await startTestShop({
    env: { BAKONG_POLL_MS: '3600000' },
    settings: { 'shop.identity': { ...SHOP, phone: '012 345 678' } },
  }));
});
afterAll(() => server?.stop());

const productWithStock = (stock: number, priceCents: number) =>
  aProductWithStock(
    { admin, staff },
    { stock, priceCents, warrantyMonths: 12, name: 'Gaming keyboard', category: 'keyboards-mice' },
  );

/** A customer with a Khmer name places a pickup order of `quantity` × `priceCents`. */
async function customerOrder(quantity: number, priceCents: number, note?: string) {
  const product = await productWithStock(10, priceCents);
  const customer = await aCustomer(server, { name: KHMER_CUSTOMER, phone: '096 777 8888' });
  const { order, api } = await placedOrder(server, {
    customer,
    items: [{ productId: product.id, quantity }],
    currency: 'KHR',
    ...(note && { note }),
  });
  return { api, order, product, token: customer.token };
}

function getInvoice(orderId: string, token: string, format: 'pdf' | 'html') {
  return fetch(`${server.url}/api/v1/orders/${orderId}/invoice?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

async function setVat(value: unknown) {
  await inTransaction(server.database.db, (tx) => setSetting(tx, INVOICE_VAT_KEY, value));
}

describe('order invoices', () => {
  it('the customer gets a private A4 PDF named after the order, with Khmer set in the bundled Khmer font', async () => {
    const { order, token } = await customerOrder(2, 5500);
    expect(order.totalCents).toBe(11_000);

    const response = await getInvoice(order.id, token, 'pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`invoice-${order.number}.pdf`);
    expect(response.headers.get('cache-control')).toMatch(/private/);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+KhmerOS/);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');

    const texts = pdfTexts(pdf);
    expect(texts).toContain(order.number);
    expect(texts).toContain('$110.00');
    expect(texts).toContain('$55.00');
    expect(texts.some((t) => t.includes('451,000'))).toBe(true); // 110 × 4,100 riel
    expect(texts.some((t) => t.includes('VAT'))).toBe(false);
  });

  it('poppler reads the order number and the total out of the PDF (when pdftotext is installed)', async (context) => {
    if (!hasPdftotext())
      context.skip(
        'pdftotext (poppler-utils) is not installed: the text checks of the other tests cover the PDF',
      );
    const { order, token } = await customerOrder(1, 2345);
    const pdf = Buffer.from(await (await getInvoice(order.id, token, 'pdf')).arrayBuffer());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'invoice-')), 'invoice.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(order.number);
    expect(text).toContain('$23.45');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('the HTML invoice shows the order, the Khmer names, USD with KHR beside it, and escapes what people typed', async () => {
    const { order, token } = await customerOrder(2, 5500, 'Call me <script>alert(1)</script> & "thanks"');
    const response = await getInvoice(order.id, token, 'html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/private.*no-store|no-store.*private/);
    const html = await response.text();
    expect(html).toContain('@page { size: A4');
    expect(html).toContain(order.number);
    expect(html).toContain('$110.00');
    expect(html).toContain('451,000៛');
    expect(html).toContain('Invoice');
    expect(html).toContain('វិក្កយបត្រ');
    expect(html).toContain('Total / <span class="km" lang="km">សរុប</span>');
    expect(html).toContain(KHMER_CUSTOMER);
    expect(html).toContain('096 777 8888');
    expect(html).toContain(SHOP.nameKm);
    expect(html).toContain(SHOP.address);
    expect(html).toContain('Pickup at the shop');
    expect(html).toContain('12 months');
    expect(html).toContain('Unpaid');
    expect(html).toContain("'Khmer OS', 'Noto Sans Khmer', sans-serif");
    expect(html).not.toContain('<script>');
    expect(html).toContain('Call me &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;thanks&quot;');
    expect(html).not.toContain('VAT');
  });

  it("another customer's invoice is 404 in both formats; staff read any; nobody signed out reads one", async () => {
    const { order } = await customerOrder(1, 1000);
    const stranger = await signedInAs(server.database.db, 'customer');
    for (const format of ['pdf', 'html'] as const) {
      expect((await getInvoice(order.id, stranger.token, format)).status).toBe(404);
      expect(
        await failure(
          stranger.client(server.url).getOrderInvoice({ params: { id: order.id }, query: { format } }),
        ),
      ).toMatchObject({ status: 404 });
    }
    expect((await fetch(`${server.url}/api/v1/orders/${order.id}/invoice`)).status).toBe(401);

    const asStaff = await staff.getOrderInvoice({ params: { id: order.id }, query: {} });
    expect(asStaff.type).toBe('application/pdf');
    expect(pdfTexts(Buffer.from(await asStaff.arrayBuffer()))).toContain(order.number);
    const html = await (
      await staff.getOrderInvoice({ params: { id: order.id }, query: { format: 'html' } })
    ).text();
    expect(html).toContain(order.number);
  });

  it('a VAT-registered shop issues tax invoices: VAT included is 10/110 of the total, with the total in KHR', async () => {
    const { order, token } = await customerOrder(2, 5500); // $110.00
    await setVat({ registered: true, ratePercent: 10, tin: 'K001-901234567' });
    try {
      const html = await (await getInvoice(order.id, token, 'html')).text();
      expect(html).toContain('Tax invoice');
      expect(html).toContain('K001-901234567');
      const vatRow = /VAT 10% \(included\)[\s\S]*?<\/tr>/.exec(html)?.[0];
      expect(vatRow).toContain('$10.00');
      expect(vatRow).toContain('41,000៛');
      const exclRow = /Total excl\. VAT[\s\S]*?<\/tr>/.exec(html)?.[0];
      expect(exclRow).toContain('$100.00');
      expect(exclRow).toContain('410,000៛');
      const totalRow = /Total incl\. VAT[\s\S]*?<\/tr>/.exec(html)?.[0];
      expect(totalRow).toContain('$110.00');
      expect(totalRow).toContain('451,000៛');

      const texts = pdfTexts(Buffer.from(await (await getInvoice(order.id, token, 'pdf')).arrayBuffer()));
      expect(texts).toContain('$10.00');
      expect(texts).toContain('$100.00');
      expect(texts.some((t) => t.startsWith('VAT 10% (included)'))).toBe(true);
      expect(texts.some((t) => t.startsWith('VAT TIN'))).toBe(true);

      await setVat({ registered: false, ratePercent: 10, tin: 'K001-901234567' });
      expect(await (await getInvoice(order.id, token, 'html')).text()).not.toContain('VAT');
    } finally {
      await setVat({ registered: false, ratePercent: 10, tin: '' });
    }
  });

  it('shows cancelled units and charges only the units kept', async () => {
    const { order, token } = await customerOrder(3, 1000);
    await server.database.db
      .updateTable('order_items')
      .set({ cancelled_quantity: 1 })
      .where('order_id', '=', order.id)
      .execute();
    const html = await (await getInvoice(order.id, token, 'html')).text();
    expect(html).toContain('1 cancelled');
    const row = /<tbody>[\s\S]*?<\/tr>/.exec(html)?.[0];
    expect(row).toContain('<td class="num">3</td>'); // ordered
    expect(row).toContain('$10.00'); // unit price
    expect(row).toContain('$20.00'); // two units charged
    const total = /Total \/[\s\S]*?<\/tr>/.exec(html)?.[0];
    expect(total).toContain('$20.00');
    expect(total).toContain('82,000៛');
  });

  it('an order paid through KHQR shows when it was paid and the riel received', async () => {
    const { api, order, token } = await customerOrder(2, 5500);
    const { khqr } = await api.getOrderPayment({ params: { id: order.id } });
    await payAndCheck(server, khqr);
    const paid = await api.getOrder({ params: { id: order.id } });
    expect(paid.paidAt).not.toBeNull();

    const html = await (await getInvoice(order.id, token, 'html')).text();
    expect(html).toContain(`<span class="strong">${formatInvoiceDate(paid.paidAt!)}</span>`);
    expect(html).toMatch(/Paid in \/ .*451,000៛ \(KHR\)/);
    expect(html).not.toContain('Unpaid');
    const texts = pdfTexts(Buffer.from(await (await getInvoice(order.id, token, 'pdf')).arrayBuffer()));
    expect(texts.some((t) => t.includes(formatInvoiceDate(paid.paidAt!)))).toBe(true);
    expect(html).not.toContain('Refund due');

    // A unit cancelled after payment: the invoice charges one, and says the other is owed back.
    await server.database.db
      .updateTable('order_items')
      .set({ cancelled_quantity: 1 })
      .where('order_id', '=', order.id)
      .execute();
    const after = await (await getInvoice(order.id, token, 'html')).text();
    expect(/Total \/[\s\S]*?<\/tr>/.exec(after)?.[0]).toContain('$55.00');
    expect(after).toMatch(/Refund due \/ .*\$55\.00/);
  });

  it('a long order breaks across A4 pages', async () => {
    const products = await Promise.all(Array.from({ length: 40 }, (_, i) => productWithStock(5, 1000 + i)));
    const customer = await signedInAs(server.database.db, 'customer');
    const order = await customer.client(server.url).placeOrder({
      body: {
        items: products.map((p) => ({ productId: p.id, quantity: 1 })),
        fulfilment: 'pickup',
        currency: 'USD',
      },
    });
    const pdf = Buffer.from(await (await getInvoice(order.id, customer.token, 'pdf')).arrayBuffer());
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    const texts = pdfTexts(pdf);
    for (const product of products) expect(texts).toContain(product.sku); // each SKU on one line
    expect(texts).toContain('$407.80'); // 40 × $10.00 + 0 + 1 + … + 39 cents
  });
});

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
