import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type PushItem, type ShopClient } from '@shop/shared';
import sharp from 'sharp';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHost } from '../../desktop/src/host/server';
import {
  aCustomer,
  aProductWithStock,
  checkPaymentsNow,
  pairTestCounter,
  payAndCheck,
  placedOrder,
  standIn,
  type TestShop,
} from '../../server/test/factory';
import { browserClient } from '../../server/test/support';
import { type Shop, type ShopPage } from './harness';
import { screenshots, startBackOfficeRig, type BackOfficeRig, type Person } from './back-office-harness';

/**
 * The back office's orders and payments, in Chromium through the browser host: a staff member (role staff) checks a
 * customer's payment screenshot and accepts it, the order turns paid; moves the order of a serialized laptop to ready
 * for pickup and hands it over with its serial scanned; prints its invoice as a PDF.
 */
let rig: BackOfficeRig;
let shop: Shop;
let host: RunningHost;
let clerk: Person;
let admin: ShopClient;
let staff: ShopClient;

beforeAll(async () => {
  rig = await startBackOfficeRig('back-office-orders', [{ role: 'staff', name: 'Sreymom' }]);
  ({ shop, host } = rig);
  [clerk] = rig.people as [Person];
  admin = await shop.staffClient('admin');
  staff = await shop.staffClient('staff');
});
afterAll(() => rig?.stop());

/** The clerk opens the back office; the core outlives a page, so a later test may find them in it already. */
const openBackOffice = (page: ShopPage) =>
  rig.openBackOffice(page, clerk, { area: 'Payments', mayBeSignedIn: true });

/** A phone's screenshot of a bank app: a JPEG of its own colour, so two of them are different pictures. */
const aScreenshot = async (colour: string) =>
  new Blob(
    [
      new Uint8Array(
        await sharp({ create: { width: 390, height: 844, channels: 3, background: colour } })
          .jpeg()
          .toBuffer(),
      ),
    ],
    { type: 'image/jpeg' },
  );

describe('orders and payments in the back office', () => {
  it('a staff member accepts a screenshot (the order turns paid), hands over a serialized laptop by its serial, prints the invoice', async () => {
    const serials = [`LT-${randomBytes(3).toString('hex')}`, `LT-${randomBytes(3).toString('hex')}`];
    const laptop = await aProductWithStock(
      { admin, staff },
      { stock: 2, priceCents: 90000, name: 'Laptop', serials, warrantyMonths: 12 },
    );
    const customer = await aCustomer(shop.server, { name: 'Dara' });
    const { order } = await placedOrder(shop.server, {
      customer,
      items: [{ productId: laptop.id, quantity: 1 }],
    });
    const shot = await aScreenshot('#1f7a4d');
    await customer.api.uploadPaymentProof({ params: { id: order.id }, file: shot, fileName: 'aba.jpg' });
    // Another customer sends the very same picture for their order: flagged in the queue as used twice.
    const other = await placedOrder(shop.server, { items: [{ productId: laptop.id, quantity: 1 }] });
    await other.api.uploadPaymentProof({ params: { id: other.order.id }, file: shot, fileName: 'same.jpg' });
    // A guest sends one with the link of their order (no account): the queue names them as a guest.
    const cable = await aProductWithStock({ admin, staff }, { stock: 1 });
    const guest = browserClient(shop.server.url).client;
    const guestOrder = await guest.placeGuestOrder({
      body: {
        guest: { name: 'Sokha Chan', phone: '012 345 678', email: 'sokha.guest@example.test' },
        items: [{ productId: cable.id, quantity: 1 }],
        fulfilment: 'pickup',
        currency: 'USD',
      },
    });
    await guest.uploadGuestPaymentProof({
      params: { id: guestOrder.order.id },
      orderToken: guestOrder.accessToken,
      file: await aScreenshot('#7a1f4d'),
      fileName: 'wing.jpg',
    });

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await openBackOffice(page);

    // The queue: the picture, what the order asks for, the reused picture flagged.
    await page.getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    expect(page.url()).toContain('#/back-office/payments/proofs');
    const mine = page.getByRole('listitem', { name: `Payment screenshot for order ${order.number}` });
    const copy = page.getByRole('listitem', { name: `Payment screenshot for order ${other.order.number}` });
    await mine.waitFor();
    await expect.poll(() => mine.textContent()).toContain('The order asks for $900.00');
    await expect
      .poll(() => mine.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(390);
    await expect.poll(() => copy.getByRole('alert').textContent()).toContain(order.number);
    expect(await mine.getByRole('alert').count()).toBe(0);
    const fromGuest = page.getByRole('listitem', {
      name: `Payment screenshot for order ${guestOrder.order.number}`,
    });
    await expect
      .poll(() => fromGuest.textContent())
      .toContain('Guest: Sokha Chan · sokha.guest@example.test');
    await screenshots(page, 'payments-queue', (p) => p.getByRole('heading', { name: 'ការទូទាត់' }).waitFor());

    // Rejected with a reason: the customer of the copy is told why.
    await copy.getByRole('button', { name: 'Reject' }).click();
    await page
      .getByLabel('Why (the customer is mailed this)')
      .fill('This picture was sent for another order.');
    await page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => copy.count()).toBe(0);
    // The guest's order ends here, so the later tests meet no order of it held for staff.
    await guest.cancelGuestOrder({
      params: { id: guestOrder.order.id },
      body: { token: guestOrder.accessToken },
    });

    // Accepted with the transaction id it shows: the order is paid, for the customer too.
    await mine.getByLabel('Transaction id on the screenshot').fill('ABA 100200300');
    await mine.getByRole('button', { name: 'Accept: the order is paid' }).click();
    await expect.poll(() => mine.count()).toBe(0);
    expect((await customer.api.getOrder({ params: { id: order.id } })).status).toBe('paid');
    expect((await other.api.listOrderPaymentProofs({ params: { id: other.order.id } })).items).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'This picture was sent for another order.' }),
    ]);

    // On screen: the list says paid, the order's page too, with the screenshot and who accepted it.
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByLabel('Search').fill(order.number);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('list-row').textContent()).toContain('Paid');
    await screenshots(page, 'orders-list', (p) => p.getByRole('heading', { name: 'ការបញ្ជាទិញ' }).waitFor());
    await page.getByTestId('list-row').click();
    await page.getByRole('heading', { name: `Order ${order.number}` }).waitFor();
    expect(page.url()).toContain(`#/back-office/orders/${order.id}`);
    const steps = page.getByRole('region', { name: 'Next steps' });
    await expect
      .poll(() => steps.getByRole('button').allTextContents())
      .toEqual(['Being prepared', 'Refunded']);
    await expect
      .poll(() => page.getByRole('region', { name: 'Payment screenshots' }).textContent())
      .toContain('Accepted');
    await expect
      .poll(() => page.getByRole('region', { name: 'Timeline' }).textContent())
      .toContain('Sreymom');

    // Moved along to ready for pickup, then handed over: one field per unit, the serial scanned into it.
    for (const step of ['Being prepared', 'Ready for pickup']) {
      await steps.getByRole('button', { name: step }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await expect.poll(() => page.getByTestId('order-status').textContent()).toBe(step);
    }
    await steps.getByRole('button', { name: 'Picked up' }).click();
    const handover = page.getByRole('dialog');
    expect(await handover.getByRole('textbox', { name: /unit/ }).count()).toBe(1);
    // A serial that is not in stock is refused on the field; the scanner's Enter sends the corrected one.
    await handover.getByLabel(/Laptop.*unit 1 of 1/).fill('LT-NOT-OURS');
    await handover.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => handover.textContent()).toContain('not in stock for this product: LT-NOT-OURS');
    await handover.getByLabel(/Laptop.*unit 1 of 1/).fill(serials[1]!);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect
      .poll(() => page.getByRole('region', { name: 'Lines' }).textContent())
      .toContain(`Serial numbers: ${serials[1]}`);
    const pickedUp = await staff.getAdminOrder({ params: { id: order.id } });
    expect(pickedUp).toMatchObject({ status: 'picked_up', nextStatuses: ['refunded'] });
    expect(pickedUp.items[0]).toMatchObject({ serials: [serials[1]], serialized: true });
    expect(pickedUp.events.at(-1)).toMatchObject({ to: 'picked_up', by: { id: clerk.id, name: 'Sreymom' } });
    await screenshots(page, 'order-detail', (p) =>
      p.getByRole('heading', { name: `ការបញ្ជាទិញ ${order.number}` }).waitFor(),
    );

    // The invoice: made by the server, shown, and saved as a PDF file.
    await page.getByRole('button', { name: 'Invoice' }).click();
    const invoicePage = page.frameLocator(`iframe[title="Invoice of order ${order.number}"]`).locator('body');
    await expect.poll(() => invoicePage.textContent()).toContain(order.number);
    await expect.poll(() => invoicePage.textContent()).toContain(laptop.name);
    const save = page.getByRole('link', { name: 'Save PDF' });
    await save.waitFor();
    if (process.env.SCREENSHOTS_DIR)
      await page.screenshot({
        path: path.join(process.env.SCREENSHOTS_DIR, 'order-invoice-en-1366x768.png'),
      });
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe(`invoice-${order.number}.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    // The customer's other orders: the list, filtered to them, in the address.
    await page.getByRole('link', { name: "This customer's orders" }).click();
    await expect.poll(() => page.url()).toContain(`customerId=${customer.userId}`);
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(1);
    await page.getByText('Orders of Dara').waitFor();

    expect(page.errors).toEqual([]);
  });

  it('payments in review with what Bakong reported, a static KHQR reconciled, a refund owed marked as sent back', async () => {
    const ssd = await aProductWithStock({ admin, staff }, { stock: 5, priceCents: 4250, name: 'SSD' });
    // Paid short: the order waits in review.
    const short = await placedOrder(shop.server, { items: [{ productId: ssd.id, quantity: 1 }] });
    await payAndCheck(
      shop.server,
      (await short.api.getOrderPayment({ params: { id: short.order.id } })).khqr,
      40,
    );
    // Paid after the customer cancelled: the money is owed back.
    const late = await placedOrder(shop.server, { items: [{ productId: ssd.id, quantity: 1 }] });
    const lateQr = (await late.api.getOrderPayment({ params: { id: late.order.id } })).khqr;
    await late.api.cancelOrder({ params: { id: late.order.id } });
    await standIn(shop.server, 'pay', { qr: lateQr });
    await checkPaymentsNow(shop.server);
    // A counter sale paid with the shop's static KHQR, confirmed by the clerk: to match with the bank statement.
    const counter = await pairTestCounter({ server: shop.server, admin } as TestShop, 'Front');
    const receiptNumber = `R-${ulid().slice(-8)}`;
    const sale: PushItem = {
      id: ulid(),
      type: 'sale',
      at: Date.now(),
      staffId: clerk.id,
      receiptNumber,
      lines: [{ productId: ssd.id, quantity: 1, unitPriceCents: 4250 }],
      payments: [{ method: 'khqr', currency: 'USD', amount: 4250, staffConfirmed: true }],
    };
    const [pushed] = (await counter.client.pushItems({ body: { items: [sale] } })).results;
    expect(pushed).toMatchObject({ status: 'applied' });

    const page = await shop.page({ viewport: { width: 1366, height: 768 } });
    await openBackOffice(page);
    await page.goto(`${host.url}/#/back-office/payments/review`);
    const rows = page.getByTestId('list-row');
    const inReview = rows.filter({ hasText: short.order.number });
    await inReview.waitFor();
    expect(await inReview.textContent()).toMatch(/\$42\.50.*\$40\.00.*paid 4000 instead of 4250/);
    await screenshots(page, 'payments-review', (p) => p.getByRole('heading', { name: 'ការទូទាត់' }).waitFor());

    await page.getByRole('link', { name: 'To reconcile' }).click();
    const toMatch = rows.filter({ hasText: receiptNumber });
    await expect.poll(() => toMatch.textContent()).toContain('Static KHQR confirmed by staff');
    await expect.poll(() => toMatch.textContent()).toContain('Sreymom');
    await screenshots(page, 'payments-reconciliation', (p) =>
      p.getByRole('link', { name: 'ត្រូវផ្ទៀងផ្ទាត់' }).waitFor(),
    );
    await toMatch.getByRole('button', { name: 'Reconcile' }).click();
    await page.getByLabel('Outcome').selectOption('matched');
    await page
      .getByLabel('What you found (statement line, transfer reference)')
      .fill('ABA statement line 12');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => toMatch.count()).toBe(0);
    const reconciled = await staff.listPaymentsToReconcile({ query: { status: 'reconciled' } });
    expect(
      reconciled.items.find((item) => item.order?.receiptNumber === receiptNumber)?.reconciled,
    ).toMatchObject({
      outcome: 'matched',
      note: 'ABA statement line 12',
      by: { id: clerk.id },
    });

    // The counter sale's page: which counter, who sold it, its receipt, its KHQR now reconciled.
    await page.goto(`${host.url}/#/back-office/orders/${pushed!.orderId}`);
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.textContent()).toContain(receiptNumber);
    expect(await summary.textContent()).toMatch(/CounterFront.*Staff memberSreymom/);
    await expect
      .poll(() => page.getByRole('region', { name: 'Payments' }).textContent())
      .toContain('Reconciled');
    await page.goto(`${host.url}/#/back-office/payments/reconciliation`);

    await page.getByRole('link', { name: 'Refunds owed' }).click();
    const owed = rows.filter({ hasText: late.order.number });
    await expect.poll(() => owed.textContent()).toContain('$42.50');
    await screenshots(page, 'payments-refunds', (p) =>
      p.getByRole('link', { name: 'ប្រាក់ត្រូវសងវិញ' }).waitFor(),
    );
    await owed.getByRole('button', { name: 'Mark as refunded' }).click();
    await page
      .getByLabel('How the money went back (bank, reference)')
      .fill('ABA transfer 5566 to the customer');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => owed.count()).toBe(0);
    const refunded = await staff.listRefundsOwed({ query: { status: 'refunded' } });
    expect(refunded.items.find((item) => item.orderId === late.order.id)).toMatchObject({
      status: 'refunded',
      note: 'ABA transfer 5566 to the customer',
      refundedBy: { id: clerk.id },
    });
    // The filter is in the address: a shared link opens what was sent back.
    await page.getByLabel('Show').selectOption('refunded');
    await expect.poll(() => page.url()).toContain('payments/refunds?status=refunded');
    await expect.poll(() => rows.filter({ hasText: late.order.number }).count()).toBe(1);
    expect(page.errors).toEqual([]);
  });

  it("the screens' routes refuse strangers and customers, and a customer cannot see another's invoice or screenshot", async () => {
    const cable = await aProductWithStock({ admin, staff }, { stock: 3, name: 'HDMI cable' });
    const owner = await aCustomer(shop.server);
    const { order } = await placedOrder(shop.server, {
      customer: owner,
      items: [{ productId: cable.id, quantity: 1 }],
    });
    const proof = await owner.api.uploadPaymentProof({
      params: { id: order.id },
      file: await aScreenshot('#7a1f4d'),
      fileName: 'mine.jpg',
    });
    const stranger = shop.server.client;
    const snoop = (await aCustomer(shop.server)).api;
    const status = (call: Promise<unknown>) =>
      call.then(
        () => 200,
        (error: unknown) => (error instanceof ApiError ? error.status : -1),
      );
    const id = { params: { id: order.id } };
    // A stranger's GET is 401; their POST is stopped first by the CSRF check (403): refused either way.
    for (const [who, client, refused] of [
      ['stranger', stranger, [401, 403]],
      ['customer', owner.api, [403]],
    ] as const) {
      const calls = {
        getAdminOrder: () => client.getAdminOrder(id),
        transitionOrder: () => client.transitionOrder({ ...id, body: { to: 'cancelled' } }),
        cancelOrderLine: () =>
          client.cancelOrderLine({
            params: { id: order.id, lineId: order.items[0]!.id },
            body: { quantity: 1, reason: 'other' },
          }),
        listPaymentProofs: () => client.listPaymentProofs({ query: {} }),
        reviewPaymentProof: () =>
          client.reviewPaymentProof({
            params: { id: proof.id },
            body: { decision: 'accept' },
          }),
        listPaymentsInReview: () => client.listPaymentsInReview({ query: {} }),
        listPaymentsToReconcile: () => client.listPaymentsToReconcile({ query: {} }),
        listRefundsOwed: () => client.listRefundsOwed({ query: {} }),
      };
      for (const [route, call] of Object.entries(calls))
        expect(refused, `${who} ${route}`).toContain(await status(call()));
    }
    expect(await status(snoop.getOrderInvoice({ ...id, query: { format: 'pdf' } }))).toBe(404);
    expect(await status(snoop.getPaymentProofImage({ params: { id: proof.id } }))).toBe(404);
    expect(await status(stranger.getPaymentProofImage({ params: { id: proof.id } }))).toBe(401);
    // Nothing moved: the order still waits for staff to check its screenshot, its line whole.
    const after = await staff.getAdminOrder(id);
    expect(after.proofs).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(after.items[0]!.cancelledQuantity).toBe(0);
    expect(after.status).toBe(order.status);
  });
});
