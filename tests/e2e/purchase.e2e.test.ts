import { formatUsd, type Pricing, type ProductSummary } from '@shop/shared';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../server/test/support';
import { laptop, phone, startShop, type Shop, type ShopPage } from './harness';

/**
 * Buying: a new visitor finds a product, signs up inside the checkout with the code from the mail, places the order
 * and pays it with KHQR (the Bakong stand-in plays the bank app); or sends a screenshot staff accept; or cancels.
 */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

/** Payments are noticed by the server's job (every 0.5 s here) and by the page's polling (every 3 s). */
const PAYMENT_SEEN_MS = 20_000;

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

const cartLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Cart, / });
const paymentPanel = (page: Page) => page.getByRole('region', { name: 'Pay with KHQR' });
const paidBanner = (page: Page) => page.getByRole('heading', { name: 'Payment received. Thank you!' });

/** A full-page screenshot from the top (scrolled, the sticky header would be drawn mid-page). */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
  );
  await shop.screenshot(page, name);
}

/** The page at the laptop width and again at a phone's, for the screenshots looked at in review. */
async function screenshotBoth(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? laptop;
  for (const viewport of [laptop, phone]) {
    await page.setViewportSize(viewport);
    await snap(page, `${name}-${viewport.width}`);
  }
  await page.setViewportSize(size);
}

let customers = 0;
const newEmail = () => `buyer-${Date.now()}-${++customers}@example.test`;

/** Signs up in the checkout's "Create account" tab, with the code the shop mailed. */
async function signUpAtCheckout(page: Page, email: string, name = 'Sokha Chan'): Promise<void> {
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a long and easy sentence');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('6-digit code').fill(await shop.mailCode(email));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await visible(page.getByText(`Signed in as ${name}`));
}

/** Puts a product in the visitor's cart through the API, as the page's own requests would (cookie + CSRF). */
async function addToCartViaApi(page: Page, productId: string, quantity = 1): Promise<void> {
  // The page's own first requests hand out the visitor's CSRF cookie; asking for a token while they are still in
  // flight would race them for the cookie (a token from one answer, the cookie of the other: 403).
  await page.waitForLoadState('networkidle');
  const { csrfToken } = (await (await page.request.get('/api/v1/auth/csrf')).json()) as { csrfToken: string };
  const answer = await page.request.post('/api/v1/cart/items', {
    data: { productId, quantity },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(answer.status()).toBe(200);
}

async function inStockProducts(count: number, category?: string): Promise<ProductSummary[]> {
  const { items } = await shop.server.client.listProducts({
    query: { inStock: true, pageSize: 40, category },
  });
  const picked = items.filter((p) => p.availability === 'in_stock').slice(0, count);
  expect(picked).toHaveLength(count);
  return picked;
}

/** From a cart with something in it: sign up, pick up at the shop, place the order; answers the order's id. */
async function checkOutNewCustomer(page: ShopPage, email: string): Promise<string> {
  await page.goto('/checkout');
  await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
  await signUpAtCheckout(page, email);
  await page.getByRole('radio', { name: /Pick up at the shop/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** A made-up bank-app receipt, as a customer's screenshot would look. */
function transferScreenshot(amount: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="640">
    <rect width="360" height="640" fill="#f1f5f9"/><rect x="20" y="40" width="320" height="260" rx="16" fill="#fff"/>
    <text x="180" y="110" font-size="22" text-anchor="middle" font-family="sans-serif">Transfer successful</text>
    <text x="180" y="170" font-size="34" text-anchor="middle" font-family="sans-serif">${amount}</text>
    <text x="180" y="230" font-size="16" text-anchor="middle" font-family="sans-serif">To: Computer Shop</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Pays by a made-up receipt for `priceCents` instead of the QR: sent from the panel, then waiting for staff. */
async function sendTransferScreenshot(pay: Locator, priceCents: number): Promise<void> {
  await pay.getByRole('button', { name: 'Upload a payment screenshot instead' }).click();
  await pay.getByLabel(/^Payment screenshot/).setInputFiles({
    name: 'aba-transfer.png',
    mimeType: 'image/png',
    buffer: await transferScreenshot(formatUsd(priceCents)),
  });
  await pay.getByRole('button', { name: 'Send screenshot' }).click();
  await visible(pay.getByText('Waiting for staff to check'));
}

describe('buying', () => {
  it('a new visitor searches, buys, signs up at checkout, pays with KHQR and sees it paid by itself', async () => {
    const [product] = await inStockProducts(1);
    const page = await shop.page({ viewport: laptop });
    await page.goto('/');

    const search = page.getByRole('banner').getByRole('combobox', { name: 'Search products' });
    await search.fill(product!.name);
    await search.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await page.locator('[data-product-card]').getByRole('link', { name: product!.name }).first().click();
    await visible(page.getByRole('heading', { level: 1, name: product!.name }));
    await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await expect.poll(() => cartLink(page).getAttribute('aria-label')).toBe('Cart, 1 item');

    await cartLink(page).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Your cart' }));
    const lines = page.getByRole('list', { name: 'Products in your cart' });
    await visible(lines.getByRole('link', { name: product!.name }));
    expect(await page.getByRole('spinbutton', { name: `Quantity of ${product!.name}` }).inputValue()).toBe(
      '1',
    );
    await screenshotBoth(page, 'purchase-cart');

    await page.getByRole('link', { name: 'Checkout' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
    // Nothing can be placed before the visitor says who they are.
    expect(await page.getByRole('button', { name: 'Place order' }).isDisabled()).toBe(true);
    const email = newEmail();
    await signUpAtCheckout(page, email);
    await page.getByRole('radio', { name: /Pick up at the shop/ }).check();
    await visible(page.getByText('Preah Monivong Blvd', { exact: false }));
    await screenshotBoth(page, 'purchase-checkout');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const pay = paymentPanel(page);
    await visible(pay.getByRole('img', { name: /^KHQR code to pay / }));
    await visible(pay.getByText(formatUsd(product!.priceCents), { exact: true }));
    await expect.poll(() => pay.getByRole('timer').innerText()).toMatch(/^1[0-5]:\d\d$/);
    await visible(page.getByText('Awaiting payment', { exact: true }));
    await screenshotBoth(page, 'purchase-pay');
    // A laptop's first screen (1366×768) holds the whole code, and nothing speaks of paying "on this phone".
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate('window.scrollTo(0, 0)');
    const code = await pay.getByRole('img', { name: /^KHQR code to pay / }).boundingBox();
    expect(code!.y + code!.height).toBeLessThanOrEqual(768);
    expect(await pay.innerText()).not.toMatch(/this phone|Save QR image/i);
    await page.setViewportSize(laptop);

    // The demo bank app pays; nothing tells the page: it sees the payment by asking the server.
    await pay.getByRole('button', { name: 'Simulate payment (demo)' }).click();
    await visible(paidBanner(page), PAYMENT_SEEN_MS);
    await visible(page.getByText('Paid', { exact: true }));
    await expect(paymentPanel(page).count()).resolves.toBe(0);
    await screenshotBoth(page, 'purchase-paid');

    const staff = await shop.staffClient();
    const order = await staff.getOrder({ params: { id: orderId } });
    expect(order).toMatchObject({ status: 'paid', fulfilment: 'pickup', customer: { email } });
    expect(order.items).toMatchObject([{ productId: product!.id, quantity: 1 }]);

    const [invoice] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download invoice (PDF)' }).click(),
    ]);
    expect(invoice.suggestedFilename()).toBe(`invoice-${order.number}.pdf`);
    const pdf = await invoice.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.getByRole('link', { name: 'Ask about this order' }).getAttribute('href')).toBe(
      `/contact?order=${orderId}`,
    );
    expect(page.errors).toEqual([]);
  });

  it('a screenshot of the transfer waits for staff; once they accept it the page shows the order paid', async () => {
    const [product] = await inStockProducts(1);
    const page = await shop.page({ viewport: laptop });
    await page.goto('/');
    await addToCartViaApi(page, product!.id);
    const orderId = await checkOutNewCustomer(page, newEmail());

    const pay = paymentPanel(page);
    await visible(pay.getByRole('img', { name: /^KHQR code to pay / }));
    await sendTransferScreenshot(pay, product!.priceCents);
    await snap(page, 'purchase-proof-waiting-1366');

    const staff = await shop.staffClient();
    const queue = await staff.listPaymentProofs({ query: {} });
    const proof = queue.items.find((item) => item.orderId === orderId);
    expect(proof).toMatchObject({ status: 'pending', currency: 'USD', amount: product!.priceCents });
    await staff.reviewPaymentProof({ params: { id: proof!.id }, body: { decision: 'accept' } });

    await visible(paidBanner(page), PAYMENT_SEEN_MS);
    expect((await staff.getOrder({ params: { id: orderId } })).status).toBe('paid');
    expect(page.errors).toEqual([]);
  });

  it('on a phone, a guest orders with a name, a phone and an email, pays, and the mailed link opens the order', async () => {
    const [product] = await inStockProducts(1, 'accessories');
    const page = await shop.page({ viewport: phone });
    await page.goto('/');
    await addToCartViaApi(page, product!.id, 1);
    await page.goto('/checkout');
    await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
    await page.getByRole('tab', { name: 'As a guest' }).click();
    const email = newEmail();
    await page.getByLabel('Full name').fill('Sokha Chan');
    await page.getByLabel('Phone number').fill('+855 12 345 678');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue as a guest' }).click();
    await visible(page.getByText('Sokha Chan · 012 345 678'));
    await page.getByRole('radio', { name: /Pick up at the shop/ }).check();
    await snap(page, 'purchase-guest-checkout-390');
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const pay = paymentPanel(page);
    await visible(pay.getByRole('img', { name: /^KHQR code to pay / }));
    await visible(page.getByRole('heading', { name: 'Keep this order in an account' }));
    // A guest sends a screenshot as a customer does (the token rides in a header, never in an address).
    await sendTransferScreenshot(pay, product!.priceCents);
    await snap(page, 'purchase-guest-proof-waiting-390');
    await pay.getByRole('button', { name: 'Simulate payment (demo)' }).click();
    await visible(paidBanner(page), PAYMENT_SEEN_MS);
    await snap(page, 'purchase-guest-paid-390');

    const staff = await shop.staffClient();
    const order = await staff.getOrder({ params: { id: orderId } });
    expect(order).toMatchObject({ status: 'paid', customer: { id: null, name: 'Sokha Chan', email } });
    const queue = await staff.listPaymentProofs({ query: { pageSize: 100 } });
    expect(queue.items.find((item) => item.orderId === orderId)).toMatchObject({ sentByGuest: true });
    expect(page.errors).toEqual([]);

    // The link in the mail opens the order on another phone, without an account; the address alone does not.
    const link = await shop.mailLink(email, `/orders/${orderId}`);
    expect(link).toMatch(/#access=[\w-]{43}$/);
    const elsewhere = await shop.page({ viewport: phone });
    await elsewhere.goto(link);
    await visible(elsewhere.getByRole('heading', { level: 1, name: `Order ${order.number}` }));
    await visible(elsewhere.getByText('Paid', { exact: true }));
    expect(elsewhere.errors).toEqual([]);
    const stranger = await shop.page({ viewport: phone });
    await stranger.goto(`/orders/${orderId}`);
    await stranger.waitForURL(`/login?next=${encodeURIComponent(`/orders/${orderId}`)}`);
  });

  it("in Khmer, a guest orders on a laptop, sees the shop's hours, and on a phone the pay page offers the QR picture", async () => {
    const [, product] = await inStockProducts(2, 'accessories');
    const page = await shop.page({ viewport: laptop, locale: 'km-KH' });
    await page.goto('/');
    await addToCartViaApi(page, product!.id);
    await page.goto('/checkout');
    await visible(page.getByRole('heading', { level: 1, name: 'បញ្ជាទិញ' }));
    await page.getByRole('tab', { name: 'ជាភ្ញៀវ' }).click();
    const email = newEmail();
    await page.getByLabel('ឈ្មោះពេញ').fill('សុខា ចាន់');
    await page.getByLabel('លេខទូរស័ព្ទ').fill('012 345 678');
    await page.getByLabel('អ៊ីមែល').fill(email);
    await page.getByRole('button', { name: 'បន្តជាភ្ញៀវ' }).click();
    await visible(page.getByText('សុខា ចាន់ · 012 345 678'));
    await page.getByRole('radio', { name: /^មកយកនៅហាង/ }).check();
    // The demo shop's address and opening hours, as its settings hold them.
    const { contact } = await shop.server.client.getShopInfo({});
    await visible(page.getByRole('main').getByText(contact.hours!, { exact: true }));
    await screenshotBoth(page, 'purchase-guest-checkout-km');
    await page.getByRole('button', { name: 'បញ្ជាទិញ', exact: true }).click();

    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const pay = page.getByRole('region', { name: 'បង់ប្រាក់តាម KHQR' });
    await visible(pay.getByRole('img', { name: /^កូដ KHQR សម្រាប់បង់ / }));
    const saveQr = pay.getByRole('button', { name: 'រក្សាទុករូបភាព QR' });
    expect(await saveQr.isVisible()).toBe(false);
    await snap(page, 'purchase-guest-pay-km-1366');
    // The same page on a phone: the code to save as a picture, for the bank app's scanner.
    await page.setViewportSize(phone);
    await visible(saveQr);
    await snap(page, 'purchase-guest-pay-km-390');
    await pay.getByRole('button', { name: 'សាកល្បងបង់ប្រាក់ (demo)' }).click();
    await visible(page.getByRole('heading', { name: 'បានទទួលការបង់ប្រាក់។ សូមអរគុណ!' }), PAYMENT_SEEN_MS);
    await snap(page, 'purchase-guest-paid-km-390');

    const staff = await shop.staffClient();
    const order = await staff.getOrder({ params: { id: orderId } });
    expect(order).toMatchObject({ status: 'paid', customer: { id: null, email } });
    // The order mail in Khmer says where and when to pick it up.
    const mail = await shop.smtp.waitFor((m) => m.to === email && m.text.includes(contact.hours!), 15_000);
    expect(mail.text).toContain(contact.address!);
    const mailView = await shop.page({ viewport: phone, locale: 'km-KH' });
    await mailView.setContent(mail.html);
    await shop.screenshot(mailView, 'purchase-guest-mail-km-390');
    expect(page.errors).toEqual([]);
  });

  it('delivery is quoted for the province: the product page, then checkout as a guest changes province', async () => {
    const admin = await shop.staffClient('admin');
    const pricing = (await admin.getAdminSettings({})).settings.find((s) => s.key === 'orders.pricing')!
      .value as Pricing;
    const setPricing = (value: Pricing) =>
      admin.changeSetting({ params: { key: 'orders.pricing' }, body: { value } });
    await setPricing({ ...pricing, noDeliveryTo: ['Mondulkiri'] });
    try {
      // Under the free-delivery threshold ($100), so the fee shows.
      const { items } = await shop.server.client.listProducts({ query: { inStock: true, pageSize: 40 } });
      const product = items.find((p) => p.availability === 'in_stock' && p.priceCents < 10_000)!;
      const page = await shop.page({ viewport: laptop });
      await page.goto(`/products/${product.slug}`);
      await expect
        .poll(() => page.getByTestId('product-delivery').textContent())
        .toBe('Delivery to Phnom Penh $1.50, today or tomorrow · pick-up at the shop free');
      await screenshotBoth(page, 'product-delivery-line');

      await addToCartViaApi(page, product.id, 1);
      await page.goto('/checkout');
      await page.getByRole('tab', { name: 'As a guest' }).click();
      await page.getByLabel('Full name').fill('Sokha Chan');
      await page.getByLabel('Phone number').fill('+855 12 345 678');
      await page.getByLabel('Email').fill(newEmail());
      await page.getByRole('button', { name: 'Continue as a guest' }).click();
      await page.getByRole('radio', { name: /^Delivery/ }).check();
      const quote = page.getByTestId('delivery-quote');
      await expect
        .poll(() => quote.textContent())
        .toBe('Phnom Penh: $1.50, arrives today or tomorrow after payment. Free from $100.00.');
      await expect
        .poll(() => page.getByTestId('delivery-eta').textContent())
        .toBe('Arrives today or tomorrow after payment');
      await expect.poll(() => page.getByText(formatUsd(product.priceCents + 150)).count()).toBeGreaterThan(0);

      await page.getByLabel('Province or city').selectOption('Siem Reap');
      await expect
        .poll(() => quote.textContent())
        .toBe('Siem Reap: $2.00, arrives in 2–4 days after payment. Free from $100.00.');
      await expect
        .poll(() => page.getByTestId('delivery-eta').textContent())
        .toBe('Arrives in 2–4 days after payment');
      await expect.poll(() => page.getByText(formatUsd(product.priceCents + 200)).count()).toBeGreaterThan(0);
      await page.getByLabel('Province or city').scrollIntoViewIfNeeded();
      await screenshotBoth(page, 'purchase-delivery-siem-reap');

      // Where the shop does not deliver, checkout says so and offers pick-up; the order cannot be placed as delivery.
      await page.getByLabel('Province or city').selectOption('Mondulkiri');
      const refusal = page
        .getByRole('alert')
        .filter({ has: page.getByRole('button', { name: 'Pick up at the shop instead' }) });
      await visible(refusal);
      expect(await page.getByRole('button', { name: 'Place order' }).isDisabled()).toBe(true);
      await screenshotBoth(page, 'purchase-delivery-not-delivered');
      await refusal.getByRole('button', { name: 'Pick up at the shop instead' }).click();
      expect(await page.getByRole('radio', { name: /^Pick up at the shop/ }).isChecked()).toBe(true);

      // In Khmer: the province's name and the days in the page's language.
      await page.getByRole('radio', { name: /^Delivery/ }).check();
      await page.getByLabel('Province or city').selectOption('Siem Reap');
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'ខ្មែរ' }).click();
      await expect.poll(() => quote.textContent()).toContain('សៀមរាប៖ $2.00 មកដល់ក្នុងរយៈពេល 2–4 ថ្ងៃ');
      await screenshotBoth(page, 'purchase-delivery-siem-reap-km');
      expect(page.errors).toEqual([]);
    } finally {
      await setPricing(pricing);
    }
  });

  it('on a phone, a customer cancels an unpaid order after confirming; a double tap made one order', async () => {
    const [, product] = await inStockProducts(2);
    const page = await shop.page({ viewport: phone });
    await page.goto('/');
    await addToCartViaApi(page, product!.id, 2);
    await page.goto('/checkout');
    await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
    await signUpAtCheckout(page, newEmail(), 'Dara Kim');
    // Two quick taps: one Idempotency-Key for the attempt, so the server answers both with the same order.
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
    const mine = (await (await page.request.get('/api/v1/orders')).json()) as { total: number };
    expect(mine.total).toBe(1);

    await visible(paymentPanel(page).getByRole('img', { name: /^KHQR code to pay / }));
    // Paying from this phone: the code saved as a picture, with the amount drawn in, to pick in the bank app.
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      paymentPanel(page).getByRole('button', { name: 'Save QR image' }).click(),
    ]);
    expect(saved.suggestedFilename()).toMatch(/^KHQR-W-\d+\.png$/);
    await saved.saveAs(new URL('screenshots/purchase-qr-image.png', import.meta.url).pathname);
    const png = await sharp(await saved.path()).metadata();
    expect(png).toMatchObject({ format: 'png', width: 720 });
    expect(png.height).toBeGreaterThan(720);
    await page.getByRole('button', { name: 'Cancel order' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Cancel this order?' });
    await visible(confirm);
    await confirm.getByRole('button', { name: 'Yes, cancel it' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await visible(page.getByText('This order was cancelled. Nothing was charged for it.'));
    await visible(page.getByText('Cancelled', { exact: true }));
    await expect(paymentPanel(page).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Cancel order' }).count()).resolves.toBe(0);
    await snap(page, 'purchase-cancelled-390');

    const staff = await shop.staffClient();
    expect((await staff.getOrder({ params: { id: orderId } })).status).toBe('cancelled');
    expect(page.errors).toEqual([]);

    // Someone else's order is "not found" to this customer; a visitor is asked to sign in first.
    const stranger = (await signedInAs(shop.server.database.db, 'customer')).client(shop.url);
    const theirs = await stranger.placeOrder({
      body: { items: [{ productId: product!.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });
    await page.goto(`/orders/${theirs.id}`);
    await visible(page.getByText('Order not found'));
    expect(page.errors).toEqual([`HTTP 404 GET /api/v1/orders/${theirs.id}`]);
    const visitor = await shop.page({ viewport: phone });
    await visitor.goto(`/orders/${orderId}`);
    await visitor.waitForURL(`/login?next=${encodeURIComponent(`/orders/${orderId}`)}`);
  });

  it('the cart on a phone: more of one, remove and undo, and a line that outgrew the stock blocks checkout', async () => {
    // Keyboards and mice are counted, not tracked by serial number: their stock can be adjusted by a number.
    const [plain, other] = await inStockProducts(2, 'keyboards-mice');
    const detail = await shop.server.client.getProduct({ params: { idOrSlug: plain!.id } });
    expect(detail.serialized).toBe(false);
    const page = await shop.page({ viewport: phone });
    await page.goto('/');
    await addToCartViaApi(page, plain!.id, 2);
    await addToCartViaApi(page, other!.id, 1);
    await page.goto('/cart');
    const lines = page.getByRole('list', { name: 'Products in your cart' });
    await visible(lines.getByRole('link', { name: other!.name }));

    await page.getByRole('button', { name: `One more ${other!.name}` }).click();
    await expect
      .poll(async () => {
        const cart = (await (await page.request.get('/api/v1/cart')).json()) as {
          lines: { productId: string; quantity: number }[];
        };
        return cart.lines.find((line) => line.productId === other!.id)?.quantity;
      })
      .toBe(2);

    await page.getByRole('button', { name: `Remove ${other!.name} from the cart` }).click();
    await visible(page.getByRole('status').filter({ hasText: `${other!.name} was removed from your cart.` }));
    await expect(lines.getByRole('link', { name: other!.name }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await visible(lines.getByRole('link', { name: other!.name }));

    // Stock counted short in the shop: only one unit is left of a line that asks for two.
    const admin = await shop.staffClient('admin');
    const { available } = await admin.getProductStock({ params: { id: plain!.id } });
    await admin.recordStockMovement({
      body: { productId: plain!.id, type: 'adjust', quantity: 1 - available, reason: 'stock count' },
    });
    await page.reload();
    const warning = page.getByText('Only 1 available. Lower the quantity to check out.');
    await visible(warning);
    expect(await page.getByRole('button', { name: 'Checkout' }).isDisabled()).toBe(true);
    await snap(page, 'purchase-cart-warning-390');
    await page.getByRole('button', { name: 'Change to 1' }).click();
    await warning.waitFor({ state: 'hidden' });
    await visible(page.getByRole('link', { name: 'Checkout' }));
    expect(page.errors).toEqual([]);
  });

  it('a customer with three orders waiting for payment is told at checkout to pay or cancel one first', async () => {
    const products = await inStockProducts(3);
    const page = await shop.page({ viewport: laptop });
    await page.goto('/');
    await addToCartViaApi(page, products[0]!.id);
    await checkOutNewCustomer(page, newEmail());
    // The pay page says how often a new code can still be had.
    await visible(page.getByText('If this code runs out, you can get a new one 2 more times.'));
    for (const product of products.slice(1)) {
      const { csrfToken } = (await (await page.request.get('/api/v1/auth/csrf')).json()) as {
        csrfToken: string;
      };
      const placed = await page.request.post('/api/v1/orders', {
        data: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(placed.status()).toBe(201);
    }

    await addToCartViaApi(page, products[0]!.id);
    await page.goto('/checkout');
    await visible(page.getByRole('heading', { level: 1, name: 'Checkout' }));
    await page.getByRole('radio', { name: /Pick up at the shop/ }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await visible(
      page.getByText(
        'You already have 3 orders waiting for payment. Pay or cancel one of them (in your orders) before placing another.',
      ),
    );
    await snap(page, 'purchase-hold-limit-1366');
    expect(page.errors).toEqual(['HTTP 409 POST /api/v1/orders']);
  });
});
