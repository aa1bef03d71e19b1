import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  buildKhqr,
  decimalToMinor,
  decodeKhqr,
  isValidKhqr,
  KhqrError,
  minorToDecimal,
  renderQrPng,
  renderQrSvg,
  type KhqrInput,
  type MerchantAccount,
} from './khqr';

const verify = (
  createRequire(import.meta.url)('bakong-khqr') as {
    BakongKHQR: { verify(qr: string): { isValid: boolean } };
  }
).BakongKHQR.verify;

const shop: MerchantAccount = {
  kind: 'individual',
  accountId: 'computershop@aclb',
  name: 'Computer Shop',
  city: 'Phnom Penh',
};
const inFifteenMinutes = () => Date.now() + 15 * 60_000;
const order = (overrides: Partial<KhqrInput> = {}): KhqrInput => ({
  account: shop,
  currency: 'USD',
  amountMinor: 12345,
  billNumber: 'WEB-1001',
  expiresAt: inFifteenMinutes(),
  ...overrides,
});

function khqrError(run: () => unknown): KhqrError {
  try {
    run();
  } catch (error) {
    if (error instanceof KhqrError) return error;
    throw error;
  }
  throw new Error('expected a KhqrError');
}

describe('KHQR for a web order', () => {
  it('a USD order of 12345 cents reads back as $123.45 to our account, with its order number and expiry', () => {
    const expiresAt = inFifteenMinutes();
    const { qr, md5 } = buildKhqr(order({ expiresAt, terminalLabel: 'Web' }));
    expect(qr).toContain('5406123.45');
    expect(verify(qr).isValid).toBe(true);
    expect(isValidKhqr(qr)).toBe(true);
    expect(md5).toBe(createHash('md5').update(qr, 'utf8').digest('hex'));
    const decoded = decodeKhqr(qr);
    expect(decoded).toMatchObject({
      kind: 'individual',
      accountId: 'computershop@aclb',
      merchantName: 'Computer Shop',
      city: 'Phnom Penh',
      currency: 'USD',
      amountMinor: 12345,
      billNumber: 'WEB-1001',
      terminalLabel: 'Web',
      expiresAt,
      dynamic: true,
    });
    expect(decoded.createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('a KHR order of 500,000 riel carries whole riel', () => {
    const { qr } = buildKhqr(order({ currency: 'KHR', amountMinor: 500_000 }));
    expect(qr).toContain('5303116');
    expect(qr).toContain('5406500000');
    expect(decodeKhqr(qr)).toMatchObject({ currency: 'KHR', amountMinor: 500_000, dynamic: true });
    expect(verify(qr).isValid).toBe(true);
  });

  it('10 + 20 cents is exactly 0.30, never 0.30000000000000004', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const { qr } = buildKhqr(order({ amountMinor: 10 + 20 }));
    expect(qr).toContain('54040.30');
    expect(decodeKhqr(qr).amountMinor).toBe(30);
  });

  it('whole dollars keep two decimals and round-trip: $12.00, $0.01, $1,000,000.10', () => {
    for (const cents of [1200, 1, 100_000_010, 999]) {
      const decoded = decodeKhqr(buildKhqr(order({ amountMinor: cents })).qr);
      expect(decoded.amountMinor).toBe(cents);
    }
  });

  it('a merchant account carries its merchant id and acquiring bank; Khmer names keep the md5 rule', () => {
    const { qr, md5 } = buildKhqr(
      order({
        account: {
          kind: 'merchant',
          accountId: 'shop@aclb',
          name: 'ហាងកុំព្យូទ័រ',
          city: 'ភ្នំពេញ',
          merchantId: '123456',
          acquiringBank: 'ACLBKHPP',
          storeLabel: 'Main',
        },
        currency: 'KHR',
        amountMinor: 41_000,
      }),
    );
    expect(md5).toBe(createHash('md5').update(qr, 'utf8').digest('hex'));
    expect(verify(qr).isValid).toBe(true);
    expect(decodeKhqr(qr)).toMatchObject({
      kind: 'merchant',
      accountId: 'shop@aclb',
      merchantName: 'ហាងកុំព្យូទ័រ',
      city: 'ភ្នំពេញ',
      amountMinor: 41_000,
    });
  });

  it('each QR embeds the time it was made, so two QRs for the same order differ', async () => {
    const first = buildKhqr(order());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(buildKhqr(order()).md5).not.toBe(first.md5);
  });
});

describe('KHQR refuses what a bank app would refuse', () => {
  it('a receiver name over 25 characters or a city over 15', () => {
    expect(khqrError(() => buildKhqr(order({ account: { ...shop, name: 'N'.repeat(26) } }))).field).toBe(
      'name',
    );
    expect(khqrError(() => buildKhqr(order({ account: { ...shop, city: 'C'.repeat(16) } }))).field).toBe(
      'city',
    );
  });

  it('an account id that is not name@bank, a merchant account without its merchant id', () => {
    expect(
      khqrError(() => buildKhqr(order({ account: { ...shop, accountId: 'computershop' } }))).message,
    ).toMatch(/name@bank/);
    expect(khqrError(() => buildKhqr(order({ account: { ...shop, kind: 'merchant' } }))).field).toBe(
      'merchantId',
    );
  });

  it('amounts that are not positive integers of minor units: half a riel, a fraction of a cent, zero', () => {
    expect(khqrError(() => buildKhqr(order({ currency: 'KHR', amountMinor: 100.5 }))).message).toMatch(
      /whole riel/,
    );
    expect(khqrError(() => buildKhqr(order({ amountMinor: 12.5 }))).message).toMatch(/cents/);
    expect(khqrError(() => buildKhqr(order({ amountMinor: 0 }))).field).toBe('amount');
    expect(khqrError(() => buildKhqr(order({ amountMinor: 10 ** 13 }))).message).toMatch(/too large/);
  });

  it('an expiry in the past or not in milliseconds', () => {
    expect(khqrError(() => buildKhqr(order({ expiresAt: Date.now() - 1000 }))).message).toMatch(/future/);
    expect(khqrError(() => buildKhqr(order({ expiresAt: Math.floor(Date.now() / 1000) + 900 }))).field).toBe(
      'expiresAt',
    );
  });

  it('a bill number that is missing or over 25 characters', () => {
    expect(khqrError(() => buildKhqr(order({ billNumber: '' }))).field).toBe('billNumber');
    expect(khqrError(() => buildKhqr(order({ billNumber: 'B'.repeat(26) }))).field).toBe('billNumber');
  });

  it('a store label over 25 characters', () => {
    const error = khqrError(() => buildKhqr(order({ account: { ...shop, storeLabel: 'S'.repeat(26) } })));
    expect(error.field).toBe('storeLabel');
  });
});

describe('reading a KHQR', () => {
  it('a changed character breaks the CRC; garbage and truncated QRs are invalid and do not decode', () => {
    const { qr } = buildKhqr(order());
    const tampered = qr.replace('123.45', '023.45');
    expect(isValidKhqr(tampered)).toBe(false);
    expect(isValidKhqr('garbage')).toBe(false);
    expect(isValidKhqr(qr.slice(0, -10))).toBe(false);
    expect(isValidKhqr(undefined)).toBe(false);
    expect(khqrError(() => decodeKhqr(tampered)).errorCode).toBe(8);
  });

  it('an expired QR is still a valid KHQR (the library says false) and still decodes', async () => {
    const expiresAt = Date.now() + 1000;
    const { qr } = buildKhqr(order({ expiresAt }));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(verify(qr).isValid).toBe(false);
    expect(isValidKhqr(qr)).toBe(true);
    expect(decodeKhqr(qr).expiresAt).toBe(expiresAt);
  });

  it('a static QR (a sticker at the till) has no amount and no expiry', () => {
    const lib = createRequire(import.meta.url)('bakong-khqr') as {
      BakongKHQR: new () => { generateIndividual(info: object): { data: { qr: string } } };
      IndividualInfo: new (a: string, n: string, c: string, o: object) => object;
    };
    const { qr } = new lib.BakongKHQR().generateIndividual(
      new lib.IndividualInfo('computershop@aclb', 'Computer Shop', 'Phnom Penh', { currency: 840 }),
    ).data;
    expect(decodeKhqr(qr)).toMatchObject({
      dynamic: false,
      amountMinor: null,
      expiresAt: null,
      currency: 'USD',
    });
  });
});

describe('money as text', () => {
  it('minor units to the decimal a QR carries and back, by string arithmetic', () => {
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(12345, 'USD')).toBe('123.45');
    expect(minorToDecimal(500000, 'KHR')).toBe('500000');
    expect(decimalToMinor('0.30', 'USD')).toBe(30);
    expect(decimalToMinor(123.45, 'USD')).toBe(12345);
    expect(decimalToMinor(1.1, 'USD')).toBe(110);
    expect(decimalToMinor('1.005', 'USD')).toBeUndefined();
    expect(decimalToMinor('1.005', 'USD', 'half-up')).toBe(101);
    expect(decimalToMinor(1.004, 'USD', 'half-up')).toBe(100);
    expect(decimalToMinor('500000', 'KHR')).toBe(500000);
    expect(decimalToMinor('500000.00', 'KHR')).toBe(500000);
    expect(decimalToMinor('100.5', 'KHR')).toBeUndefined();
    for (const bad of ['-1', '1e3', '', 'abc', '1.2.3', Number.NaN, 1e21])
      expect(decimalToMinor(bad, 'USD')).toBeUndefined();
  });
});

describe('QR pictures', () => {
  it('renders SVG and PNG', async () => {
    const { qr } = buildKhqr(order());
    const svg = await renderQrSvg(qr);
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    const png = await renderQrPng(qr, 256);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR width: about the size asked for (whole pixels per module).
    expect(png.readUInt32BE(16)).toBeGreaterThan(200);
    expect(png.readUInt32BE(16)).toBeLessThanOrEqual(256);
    await expect(renderQrPng(qr, 10)).rejects.toThrow(RangeError);
  });
});
