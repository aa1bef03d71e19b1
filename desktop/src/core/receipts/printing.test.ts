import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { commandRunner, type CommandHandlers } from '../../bridge/runner';
import { startHost } from '../../host/server';
import { tempDirs } from '../test-support/fixtures';
import { laptopSale, mouseSale, receiptCounter } from '../test-support/receipt-counter';
import { DRAWER_KICK, ESC_INIT, FEED_AND_CUT } from './escpos';

const newDir = tempDirs();
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** A network receipt printer as the counter meets one: a raw TCP port that takes every byte of each job. */
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
  /** The jobs once `count` have arrived in full (the printer reads on after the counter hung up). */
  const received = async (count: number) => {
    for (let i = 0; i < 200 && jobs.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return jobs;
  };
  return { port, received };
}

const startsWith = (bytes: Buffer, head: number[]) =>
  bytes.subarray(0, head.length).equals(Buffer.from(head));
const endsWith = (bytes: Buffer, tail: number[]) => bytes.subarray(-tail.length).equals(Buffer.from(tail));

describe("the counter's receipt printer", () => {
  it('prints the receipt as ESC/POS on a network printer: ESC @, the drawer kick only when asked, the cut', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    const printer = await tcpPrinter();
    expect(await c.printerSettings()).toEqual({ kind: 'none' });
    await expect(c.printReceipt({ receiptNumber: sale.receiptNumber })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no receipt printer/),
    });
    await c.setPrinter({ kind: 'tcp', host: '127.0.0.1', port: printer.port });
    expect(await c.printReceipt({ receiptNumber: sale.receiptNumber, openDrawer: true })).toEqual({
      printedOn: `127.0.0.1:${printer.port}`,
    });
    // A reprint: the same receipt, and the drawer stays shut.
    await c.printReceipt({ receiptNumber: sale.receiptNumber });
    const [completion, reprint] = await printer.received(2);
    expect(startsWith(completion!, [...ESC_INIT, ...DRAWER_KICK])).toBe(true);
    expect(endsWith(completion!, FEED_AND_CUT)).toBe(true);
    // GS v 0, a band of 576 dots (72 bytes) a row.
    const band = ESC_INIT.length + DRAWER_KICK.length;
    expect(completion!.subarray(band, band + 4)).toEqual(Buffer.from([0x1d, 0x76, 0x30, 0x00]));
    expect(completion!.readUInt16LE(band + 4)).toBe(72);
    expect(completion!.length).toBeGreaterThan(72 * 500);
    expect(startsWith(reprint!, ESC_INIT)).toBe(true);
    expect(reprint!.indexOf(Buffer.from(DRAWER_KICK))).toBe(-1);
    expect(reprint!.subarray(ESC_INIT.length)).toEqual(
      completion!.subarray(ESC_INIT.length + DRAWER_KICK.length),
    );
    core.close();
  });

  it('says the printer is unreachable and keeps the sale when nothing answers', async () => {
    const { core, c } = await receiptCounter(newDir());
    const sale = await mouseSale(core);
    const gone = await tcpPrinter();
    await closing.pop()!();
    await c.setPrinter({ kind: 'tcp', host: '127.0.0.1', port: gone.port });
    await expect(c.printReceipt({ receiptNumber: sale.receiptNumber })).rejects.toMatchObject({
      name: 'PosError',
      code: 'printer_unreachable',
    });
    expect((await c.receipt({ receiptNumber: sale.receiptNumber })).totalCents).toBe(12_34);
    // A USB printer unplugged: its device file is gone.
    await c.setPrinter({ kind: 'device', path: '/dev/usb/lp97' });
    await expect(c.printReceipt({ receiptNumber: sale.receiptNumber })).rejects.toMatchObject({
      code: 'printer_unreachable',
      message: expect.stringMatching(/not connected/),
    });
    // A setting written into the database by other means is checked again before a byte is sent.
    core.db
      .prepare("UPDATE device_settings SET value = ? WHERE key = 'receiptPrinter'")
      .run(JSON.stringify({ kind: 'device', path: core.db.name }));
    await expect(c.printReceipt({ receiptNumber: sale.receiptNumber })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(c.printerSettings()).rejects.toMatchObject({ code: 'invalid' });
    core.close();
  });

  it('takes only a host and port, or a printer device, and refuses anything else without changing the setting', async () => {
    const { core, c } = await receiptCounter(newDir());
    const good = { kind: 'tcp' as const, host: 'Printer-1.local', port: 9100 };
    expect(await c.setPrinter(good)).toEqual({ ...good, host: 'printer-1.local' });
    const refused: unknown[] = [
      null,
      {},
      { kind: 'lpr', host: 'x' },
      { kind: 'tcp', host: 'printer:9100', port: 9100 },
      { kind: 'tcp', host: 'http://printer', port: 9100 },
      { kind: 'tcp', host: 'printer/raw', port: 9100 },
      { kind: 'tcp', host: 'printer local', port: 9100 },
      { kind: 'tcp', host: '', port: 9100 },
      { kind: 'tcp', host: '127.0.0.1', port: 0 },
      { kind: 'tcp', host: '127.0.0.1', port: 65_536 },
      { kind: 'tcp', host: '127.0.0.1', port: 91.5 },
      { kind: 'tcp', host: '127.0.0.1', port: '9100' },
      { kind: 'tcp', host: '127.0.0.1' },
      { kind: 'device', path: '/etc/passwd' },
      { kind: 'device', path: '/home/shop/data/pos/pos.sqlite' },
      { kind: 'device', path: '/dev/fd/3' },
      { kind: 'device', path: '/dev/stdout' },
      { kind: 'device', path: '/dev/sda' },
      { kind: 'device', path: '/dev/shm/x' },
      { kind: 'device', path: '/dev/usb/lp0/../../sda' },
      { kind: 'device', path: '/dev/../etc/passwd' },
      { kind: 'device', path: '/dev/serial/by-id/../../sda' },
      { kind: 'device', path: 'C:\\Users\\shop\\pos.sqlite' },
      { kind: 'device', path: '\\\\server\\share\\x' },
      { kind: 'device', path: 'COM0' },
      { kind: 'device' },
    ];
    for (const input of refused)
      await expect(c.setPrinter(input as never), JSON.stringify(input)).rejects.toMatchObject({
        name: 'PosError',
        code: 'invalid',
      });
    expect(await c.printerSettings()).toEqual({ ...good, host: 'printer-1.local' });
    for (const [path, stored] of [
      ['/dev/usb/lp0', '/dev/usb/lp0'],
      ['/dev/ttyUSB1', '/dev/ttyUSB1'],
      ['/dev/serial/by-id/usb-EPSON_TM-T20III-if00', '/dev/serial/by-id/usb-EPSON_TM-T20III-if00'],
      ['com3', '\\\\.\\COM3'],
      ['\\\\.\\COM12', '\\\\.\\COM12'],
    ])
      expect(await c.setPrinter({ kind: 'device', path: path! })).toEqual({ kind: 'device', path: stored });
    expect(await c.setPrinter({ kind: 'tcp', host: '::1', port: 9100 })).toMatchObject({ host: '::1' });
    expect(await c.setPrinter({ kind: 'none' })).toEqual({ kind: 'none' });
    await c.syncNow();
    await c.signOut();
    await expect(c.setPrinter(good)).rejects.toThrow(/sign in/);
    await expect(c.printerSettings()).rejects.toThrow(/sign in/);
    core.close();
  });

  it('serves the receipt commands over the browser host: a PDF, a print, a refused printer', async () => {
    const { core } = await receiptCounter(newDir());
    const sale = await laptopSale(core);
    const printer = await tcpPrinter();
    const runner = commandRunner(
      core.commands as unknown as CommandHandlers,
      { on: () => () => {} },
      async () => core.close(),
    );
    const host = await startHost({ runner, rendererDir: newDir(), host: '127.0.0.1', port: 0 });
    closing.push(
      () => runner.close(),
      () => host.close(),
    );
    const run = async (command: string, input: unknown) => {
      const res = await fetch(`${host.url}/pos/run/${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-client': '1' },
        body: JSON.stringify(input),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        ok: boolean;
        output?: { pdfBase64?: string };
        error?: { code: string; message: string };
      };
    };
    const pdf = await run('receiptDocument', {
      receiptNumber: sale.receiptNumber,
      format: 'slip80',
      as: 'pdf',
    });
    expect(pdf.ok).toBe(true);
    expect(Buffer.from(pdf.output!.pdfBase64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await run('setPrinter', { kind: 'device', path: '/dev/fd/0' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await run('setPrinter', { kind: 'tcp', host: '127.0.0.1', port: printer.port })).toMatchObject({
      ok: true,
    });
    expect(await run('printReceipt', { receiptNumber: sale.receiptNumber, openDrawer: 'yes' })).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid' },
      },
    );
    expect(await run('printReceipt', { receiptNumber: sale.receiptNumber })).toMatchObject({ ok: true });
    const [job] = await printer.received(1);
    expect(startsWith(job!, ESC_INIT) && endsWith(job!, FEED_AND_CUT)).toBe(true);
    const invoice = await run('issueVatInvoice', {
      receiptNumber: sale.receiptNumber,
      buyer: { name: 'Dara' },
    });
    expect(invoice).toMatchObject({ ok: true, output: { number: expect.stringMatching(/^INV-/) } });
  });
});
