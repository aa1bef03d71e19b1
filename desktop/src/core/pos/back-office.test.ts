import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ESC_INIT, FEED_AND_CUT } from '../receipts/escpos';
import { tempDirs } from '../test-support/fixtures';
import { laptopSale, mouseSale, receiptCounter } from '../test-support/receipt-counter';

const newDir = tempDirs();
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe('held sales with a note', () => {
  it('lists held sales with the note, the cashier and the total, and refuses a note too long or not text', async () => {
    const { core, c } = await receiptCounter(newDir());
    await c.addLine({ productId: 'mouse', quantity: 2 });
    await expect(c.holdSale({ note: 'x'.repeat(121) })).rejects.toThrow(/120 characters/);
    await expect(c.holdSale({ note: 42 as unknown as string })).rejects.toThrow(/text/);
    const { heldId } = await c.holdSale({ note: '  fetching money from the car ' });
    await c.addLine({ productId: 'mouse' });
    await c.holdSale();
    const held = await c.heldSales();
    expect(held.map(({ id, note, staffName, totalCents }) => ({ id, note, staffName, totalCents }))).toEqual([
      { id: heldId, note: 'fetching money from the car', staffName: 'សុខ ស្រីពៅ', totalCents: 24_68 },
      { id: held[1]!.id, note: '', staffName: 'សុខ ស្រីពៅ', totalCents: 12_34 },
    ]);
    expect((await c.recallSale({ heldId })).cart.lines[0]!.quantity).toBe(2);
    expect(await c.heldSales()).toHaveLength(1);
    core.close();
  });
});

describe('what can still come back', () => {
  it('offers the lines of a receipt less what came back, the serials still out and the price each unit paid', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    await expect(c.returnableSale({ receiptNumber: 'NOPE-1' })).rejects.toThrow(/no sale/);
    const before = await c.returnableSale({ receiptNumber: ` ${sale.receiptNumber} ` });
    expect(before).toMatchObject({
      saleId: sale.id,
      totalCents: 553_68,
      refundableCents: 553_68,
      paidWith: [
        { method: 'cash', currency: 'USD' },
        { method: 'cash', currency: 'KHR' },
      ],
    });
    expect(before.lines).toEqual([
      expect.objectContaining({
        productId: 'lap',
        left: 1,
        unitRefundCents: 529_00,
        serials: ['SN-X515-88231'],
      }),
      expect.objectContaining({ productId: 'mouse', sold: 2, left: 2, unitRefundCents: 12_34, serials: [] }),
    ]);

    const taken = await c.returnItems({
      receiptNumber: sale.receiptNumber,
      lines: [
        { productId: 'lap', quantity: 1, serials: ['SN-X515-88231'] },
        { productId: 'mouse', quantity: 1 },
      ],
      refunds: [{ method: 'cash', currency: 'USD', amount: 541_34 }],
      reason: 'screen flickers',
    });
    // What the screen shows as going to the server: the return item exactly as queued.
    expect(taken.queued).toMatchObject({
      id: taken.id,
      type: 'return',
      saleId: sale.id,
      lines: [
        { productId: 'lap', quantity: 1, serials: ['SN-X515-88231'] },
        { productId: 'mouse', quantity: 1 },
      ],
      refunds: [{ method: 'cash', currency: 'USD', amount: 541_34 }],
      reason: 'screen flickers',
    });
    const after = await c.returnableSale({ receiptNumber: sale.receiptNumber });
    expect(after.refundableCents).toBe(12_34);
    expect(after.lines.map(({ left, returned, serials }) => ({ left, returned, serials }))).toEqual([
      { left: 0, returned: 1, serials: [] },
      { left: 1, returned: 1, serials: [] },
    ]);
    core.close();
  });

  it('is for the cashier signed in, not a counter whose cashier has left', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await mouseSale(core);
    // A pull said the cashier left the shop: signed out at once.
    core.db.prepare('UPDATE staff SET active = 0').run();
    await expect(c.returnableSale({ receiptNumber: sale.receiptNumber })).rejects.toThrow(/sign in/);
    await expect(c.shiftReportDocument({ as: 'html' })).rejects.toThrow(/sign in/);
    await expect(c.printShiftReport({})).rejects.toThrow(/sign in/);
    await expect(c.shiftReport({ shiftId: 'any' })).rejects.toThrow(/sign in/);
    await expect(c.holdSale({ note: 'x' })).rejects.toThrow(/sign in/);
    core.close();
  });
});

describe("the shift's reports", () => {
  it('shows the X report with its movements and keeps the Z report of a closed shift, as page, PDF and print', async () => {
    const { core, c } = await receiptCounter(newDir());
    const shift = await c.openShift({ floatUsdCents: 40_00, floatKhr: 200_000 });
    await mouseSale(core);
    await c.moveCash({ kind: 'pay_out', currency: 'KHR', amount: 10_000, reason: 'ice for the water' });
    await c.moveCash({ kind: 'pay_in', currency: 'USD', amount: 5_00, reason: 'change from the bank' });
    // A reason is whatever a cashier typed: the report's page shows it as text, never as markup.
    await c.moveCash({
      kind: 'pay_in',
      currency: 'KHR',
      amount: 100,
      reason: '<img src=x onerror=alert(1)>',
    });
    // $20 tendered, $7.66 change in riel at 4,100 (rounded to 31,400).
    const x = await c.xReport();
    expect(x).toMatchObject({
      shiftId: shift.id,
      float: { usdCents: 40_00, khr: 200_000 },
      sales: 1,
      cashSales: { usdCents: 20_00, khr: -31_400 },
      movements: [
        { kind: 'pay_out', currency: 'KHR', amount: 10_000, reason: 'ice for the water' },
        { kind: 'pay_in', currency: 'USD', amount: 5_00, reason: 'change from the bank' },
        { kind: 'pay_in', currency: 'KHR', amount: 100, reason: '<img src=x onerror=alert(1)>' },
      ],
      expectedUsdCents: 65_00,
      expectedKhr: 158_700,
    });
    const open = await c.shiftReportDocument({ as: 'html', language: 'en' });
    expect('html' in open && open.html).toContain('X report: shift open');
    await expect(c.shiftReport({ shiftId: shift.id })).rejects.toThrow(/no closed shift/);

    const z = await c.closeShift({ countedUsdCents: 64_00, countedKhr: 158_700 });
    expect(z.difference).toEqual({ usdCents: -1_00, khr: 0 });
    await expect(c.xReport()).rejects.toThrow(/no shift is open/);
    expect(await c.shiftReport({ shiftId: shift.id })).toEqual(z);

    const page = await c.shiftReportDocument({ shiftId: shift.id, as: 'html', language: 'km' });
    const html = 'html' in page ? page.html : '';
    expect(html).toContain('របាយការណ៍ Z៖ បិទវេន');
    expect(html).toContain('-$1.00');
    expect(html).toContain('ice for the water');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    const pdf = await c.shiftReportDocument({ shiftId: shift.id, as: 'pdf' });
    expect('pdfBase64' in pdf && Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
    expect('fileName' in pdf && pdf.fileName).toBe(`z-report-${shift.id}.pdf`);
    await expect(c.shiftReportDocument({ shiftId: shift.id, as: 'png' as 'pdf' })).rejects.toThrow(
      /html, pdf/,
    );
    await expect(c.shiftReportDocument({ shiftId: '../x', as: 'html' })).rejects.toThrow(/no closed shift/);

    await expect(c.printShiftReport({ shiftId: shift.id })).rejects.toThrow(/no receipt printer/);
    const printer = await tcpPrinter();
    await c.setPrinter({ kind: 'tcp', host: '127.0.0.1', port: printer.port });
    expect(await c.printShiftReport({ shiftId: shift.id })).toEqual({
      printedOn: `127.0.0.1:${printer.port}`,
    });
    const [job] = await printer.received(1);
    expect(job!.subarray(0, 2).equals(Buffer.from(ESC_INIT))).toBe(true);
    expect(job!.subarray(-4).equals(Buffer.from(FEED_AND_CUT))).toBe(true);
    core.close();
  });
});

/** A network receipt printer: a raw TCP port that keeps every job. */
async function tcpPrinter() {
  const jobs: Buffer[] = [];
  const server = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => new Promise((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;
  const received = async (count: number) => {
    for (let i = 0; i < 300 && jobs.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return jobs;
  };
  return { port, received };
}
