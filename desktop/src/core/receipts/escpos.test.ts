import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAWER_KICK, ESC_INIT, escposReceipt, FEED_AND_CUT, packBits } from './escpos';
import { printReceipt } from './index';
import { PrinterUnreachable, sendToPrinter } from './printer';
import { sampleSale } from './sample-receipts';
import { PRINTER_DOTS, renderSlipBitmap, type InkBitmap } from './slip-raster';
import { scan } from './testkit';

/** The bitmap a printer would print from the bytes: every GS v 0 band unpacked, one after the other. */
function printed(bytes: Buffer): { width: number; height: number; dots: Uint8Array } {
  const rows: Uint8Array[] = [];
  let width = 0;
  for (let i = 0; i < bytes.length - 3; i++) {
    if (bytes[i] !== 0x1d || bytes[i + 1] !== 0x76 || bytes[i + 2] !== 0x30) continue;
    const x = bytes[i + 4]! + 256 * bytes[i + 5]!;
    const y = bytes[i + 6]! + 256 * bytes[i + 7]!;
    width = x * 8;
    for (let r = 0; r < y; r++) rows.push(bytes.subarray(i + 8 + r * x, i + 8 + (r + 1) * x));
    i += 8 + x * y - 1;
  }
  const dots = new Uint8Array(width * rows.length);
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) dots[r * width + c] = (row[c >> 3]! >> (7 - (c & 7))) & 1;
  });
  return { width, height: rows.length, dots };
}

describe('ESC/POS', () => {
  let bitmap: InkBitmap;
  beforeAll(async () => {
    bitmap = await renderSlipBitmap(sampleSale());
  });

  it('packs dots eight to a byte, leftmost in the high bit', () => {
    const ink = new Uint8Array(16);
    ink[0] = 255;
    ink[9] = 200;
    ink[15] = 127; // under the threshold: no dot
    // Eight dots a row: dot 0 of row 1, dot 1 of row 2.
    expect([...packBits({ width: 8, height: 2, ink })]).toEqual([0x80, 0x40]);
    // Sixteen dots a row: dot 0 in the first byte, dot 9 in the second.
    expect([...packBits({ width: 16, height: 1, ink })]).toEqual([0x80, 0x40]);
    // Ten dots a row still takes whole bytes: dot 9 is the second byte's high-but-one bit.
    expect([...packBits({ width: 10, height: 1, ink })]).toEqual([0x80, 0x40]);
  });

  it('starts with ESC @, kicks the drawer when asked, sends 72-byte rows in GS v 0 bands and ends with a cut', () => {
    expect(bitmap.width).toBe(PRINTER_DOTS);
    const bytes = escposReceipt(bitmap, { openDrawer: true, bandRows: 256 });
    expect([...bytes.subarray(0, 2)]).toEqual(ESC_INIT);
    expect([...bytes.subarray(2, 7)]).toEqual(DRAWER_KICK);
    // GS v 0, normal size, x = 72 bytes (576 dots), y = 256 rows (0x0100).
    expect([...bytes.subarray(7, 15)]).toEqual([0x1d, 0x76, 0x30, 0x00, 72, 0, 0x00, 0x01]);
    expect([...bytes.subarray(-4)]).toEqual(FEED_AND_CUT);
    const bands = Math.ceil(bitmap.height / 256);
    expect(bytes.length).toBe(2 + 5 + bands * 8 + 72 * bitmap.height + 4);
    const last = bitmap.height - 256 * (bands - 1);
    const lastHeader = 7 + (bands - 1) * (8 + 72 * 256);
    expect([...bytes.subarray(lastHeader, lastHeader + 8)]).toEqual([
      0x1d,
      0x76,
      0x30,
      0,
      72,
      0,
      last & 0xff,
      last >> 8,
    ]);

    const quiet = escposReceipt(bitmap, { cut: false });
    expect([...quiet.subarray(2, 5)]).toEqual([0x1d, 0x76, 0x30]);
    expect(quiet.subarray(-4).equals(Buffer.from(FEED_AND_CUT))).toBe(false);
  });

  it('prints the receipt number as a barcode a scanner reads, from the bytes the printer gets', () => {
    const { width, height, dots } = printed(escposReceipt(bitmap));
    expect([width, height]).toEqual([PRINTER_DOTS, bitmap.height]);
    const luminance = new Uint8ClampedArray(dots.map((d) => (d ? 0 : 255)));
    expect(scan(luminance, width, height)).toBe('C1-000123');
  });

  it('sets names with markup characters as text, and a long receipt number still scans', async () => {
    const receiptNumber = 'C12-2026-12-07-000123-REPRINT-AB';
    const odd = await renderSlipBitmap(
      sampleSale({
        receiptNumber,
        customer: { name: '<b>Sok & "Dara"</b> ' + 'ក្រុមហ៊ុន'.repeat(12) },
        lines: [{ sku: 'X', name: 'W'.repeat(200), quantity: 1, unitPriceCents: 100 }],
      }),
    );
    expect(odd.width).toBe(PRINTER_DOTS);
    const luminance = new Uint8ClampedArray(odd.ink.map((v) => 255 - v));
    expect(scan(luminance, odd.width, odd.height)).toBe(receiptNumber);
  });

  it('has ink where the text is: dots across the slip, and blank paper at the edges', () => {
    const { width, height, dots } = printed(escposReceipt(bitmap));
    const inked = dots.reduce((sum, d) => sum + d, 0);
    expect(inked / (width * height)).toBeGreaterThan(0.03);
    expect(inked / (width * height)).toBeLessThan(0.3);
    for (let y = 0; y < height; y++) expect(dots[y * width]).toBe(0);
  });
});

describe('the receipt printer', () => {
  let server: net.Server;
  let port: number;
  const jobs: Buffer[] = [];
  beforeAll(async () => {
    server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => {
        jobs.push(Buffer.concat(chunks));
        socket.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets every byte of a cash sale over TCP (port 9100 in a shop), drawer kick included', async () => {
    const sale = sampleSale();
    await printReceipt(sale, { kind: 'tcp', host: '127.0.0.1', port });
    await expect.poll(() => jobs.length).toBe(1);
    const expected = escposReceipt(await renderSlipBitmap(sale), { openDrawer: true });
    expect(jobs[0]!.equals(expected)).toBe(true);
  });

  it('leaves the drawer shut for a KHQR sale', async () => {
    const sale = sampleSale({ payments: [{ method: 'khqr', currency: 'USD', amount: 553_34 }] });
    await printReceipt(sale, { kind: 'tcp', host: '127.0.0.1', port });
    await expect.poll(() => jobs.length).toBe(2);
    expect([...jobs[1]!.subarray(2, 5)]).toEqual([0x1d, 0x76, 0x30]);
  });

  it('writes to a device file, and says clearly when the printer is not there', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'receipt-printer-'));
    const device = path.join(dir, 'lp0');
    await sendToPrinter(Buffer.from([0x1b, 0x40]), { kind: 'device', path: device });
    await sendToPrinter(Buffer.from([0x0a]), { kind: 'device', path: device });
    expect([...(await fs.readFile(device))]).toEqual([0x1b, 0x40, 0x0a]);
    await expect(
      sendToPrinter(Buffer.from([0x1b, 0x40]), { kind: 'device', path: path.join(dir, 'missing', 'lp0') }),
    ).rejects.toThrow(PrinterUnreachable);
    // Nothing listens on the closed port: refused at once, with where it tried.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      sendToPrinter(Buffer.from([0x1b]), {
        kind: 'tcp',
        host: '127.0.0.1',
        port: closedPort,
        timeoutMs: 2000,
      }),
    ).rejects.toThrow(`127.0.0.1:${closedPort}`);
    await fs.rm(dir, { recursive: true });
  });
});
