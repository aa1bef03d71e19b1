import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

/**
 * Our typed face of `bakong-khqr` (NBC's KHQR SDK, CommonJS without types). Money enters and leaves as integer minor
 * units; the decimal strings the QR carries are made and read here with string arithmetic, never float sums.
 */

export type KhqrCurrency = 'USD' | 'KHR';

/** The shop's Bakong account as the QR names it: the receiver's name is what customers check before paying. */
export interface MerchantAccount {
  kind: 'individual' | 'merchant';
  /** Bakong account id, `name@bank`, at most 32 characters. */
  accountId: string;
  /** At most 25 characters. */
  name: string;
  /** At most 15 characters. */
  city: string;
  /** Merchant accounts only (tag 30/01), at most 32 characters. */
  merchantId?: string;
  /** Merchant accounts only (tag 30/02), e.g. ACLBKHPP. */
  acquiringBank?: string;
  storeLabel?: string;
}

export interface KhqrInput {
  account: MerchantAccount;
  currency: KhqrCurrency;
  /** USD cents or whole riel; a positive integer. */
  amountMinor: number;
  /** The order number (tag 62/01): what the customer's bank statement shows. */
  billNumber: string;
  /** Epoch milliseconds, in the future. */
  expiresAt: number;
  terminalLabel?: string;
}

interface DecodedCommon {
  kind: 'individual' | 'merchant';
  accountId: string;
  merchantName: string;
  city: string;
  currency: KhqrCurrency;
  billNumber: string | null;
  terminalLabel: string | null;
}

/** A dynamic QR (ours) always carries an amount and an expiry; a static one (a sticker at a till) carries neither. */
export type DecodedKhqr = DecodedCommon &
  (
    | { dynamic: true; amountMinor: number; createdAt: number; expiresAt: number }
    | { dynamic: false; amountMinor: null; createdAt: null; expiresAt: null }
  );

/** A KHQR that cannot be made or read; `errorCode` is the library's (or 0 for our own checks). */
export class KhqrError extends Error {
  override name = 'KhqrError';
  constructor(
    message: string,
    readonly errorCode = 0,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const KHQR_LIMITS = Object.freeze({
  accountId: 32,
  name: 25,
  city: 15,
  merchantId: 32,
  acquiringBank: 32,
  label: 25,
  /** The amount as the QR writes it, e.g. "1234567890.12". */
  amountChars: 13,
});

const CURRENCY_CODES = { USD: 840, KHR: 116 } as const;
/** Digits after the decimal point: USD has cents, KHR has no minor unit. */
const EXPONENT: Record<KhqrCurrency, number> = { USD: 2, KHR: 0 };

// --- the library, typed as far as we use it -------------------------------------------------------------------

interface LibraryResponse<T> {
  status: { code: 0 | 1; errorCode: number | null; message: string | null };
  data: T | null;
}
interface LibraryOptional {
  currency: number;
  amount: number | string;
  billNumber: string;
  storeLabel?: string;
  terminalLabel?: string;
  expirationTimestamp: number;
}
interface LibraryDecoded {
  merchantType: '29' | '30' | null;
  bakongAccountID: string | null;
  merchantID: string | null;
  acquiringBank: string | null;
  billNumber: string | null;
  terminalLabel: string | null;
  pointofInitiationMethod: string | null;
  transactionCurrency: string | null;
  transactionAmount: string | null;
  creationTimestamp: string | null;
  expirationTimestamp: string | null;
  merchantName: string | null;
  merchantCity: string | null;
}
interface BakongKhqrLibrary {
  BakongKHQR: {
    new (): {
      generateIndividual(info: object): LibraryResponse<{ qr: string; md5: string }>;
      generateMerchant(info: object): LibraryResponse<{ qr: string; md5: string }>;
    };
    decode(qr: string): LibraryResponse<LibraryDecoded>;
  };
  // 1.0.20's constructors are (accountId, name, city, [merchantId, acquiringBank,] optional): the README's example
  // with a currency second puts the currency where the name goes.
  IndividualInfo: new (accountId: string, name: string, city: string, optional: LibraryOptional) => object;
  MerchantInfo: new (
    accountId: string,
    name: string,
    city: string,
    merchantId: string,
    acquiringBank: string,
    optional: LibraryOptional,
  ) => object;
}

const library = createRequire(import.meta.url)('bakong-khqr') as BakongKhqrLibrary;

function unwrap<T>(response: LibraryResponse<T>): T {
  if (response.status.code !== 0 || response.data === null) {
    throw new KhqrError(
      `KHQR: ${response.status.message ?? 'the library refused the input'}`,
      response.status.errorCode ?? 0,
    );
  }
  return response.data;
}

// --- money as the QR writes it ---------------------------------------------------------------------------------

/** 12345 USD cents → "123.45"; 30 → "0.30"; 500000 riel → "500000". Integer arithmetic only. */
export function minorToDecimal(amountMinor: number, currency: KhqrCurrency): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0)
    throw new KhqrError(
      `amount must be a non-negative integer of minor units, got ${amountMinor}`,
      0,
      'amount',
    );
  const digits = EXPONENT[currency];
  if (digits === 0) return String(amountMinor);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * A decimal amount (a JSON number or string: "123.45", 123.5, "500000") → minor units, by string arithmetic.
 * `round: 'half-up'` rounds digits past the currency's precision (amounts Bakong reports); `'exact'` refuses them
 * (amounts a QR carries). Undefined when the value is not a plain non-negative decimal.
 */
export function decimalToMinor(
  value: number | string,
  currency: KhqrCurrency,
  round: 'exact' | 'half-up' = 'exact',
): number | undefined {
  // String(number) is the shortest text that reads back as the same double: 123.45 → "123.45", not 123.4499….
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const digits = EXPONENT[currency];
  const [, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const dropped = fraction.slice(digits);
  if (round === 'exact' && /[1-9]/.test(dropped)) return undefined;
  const minor = Number(`${whole}${kept}`) + (round === 'half-up' && dropped >= '5' ? 1 : 0);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

// --- building -------------------------------------------------------------------------------------------------

/** What is wrong with a merchant account for KHQR, one message per field; empty when it can be used. */
export function merchantAccountProblems(account: MerchantAccount): Record<string, string> {
  const problems: Record<string, string> = {};
  const text = (field: keyof MerchantAccount, max: number, required: boolean) => {
    const value = account[field];
    if (value === undefined || value === '') {
      if (required) problems[field] = 'is required';
    } else if (typeof value !== 'string') problems[field] = 'must be text';
    else if (value.length > max) problems[field] = `must be at most ${max} characters (has ${value.length})`;
  };
  if (account.kind !== 'individual' && account.kind !== 'merchant')
    problems.kind = "must be 'individual' or 'merchant'";
  text('accountId', KHQR_LIMITS.accountId, true);
  if (!problems.accountId && !/^[^@\s]+@[^@\s]+$/.test(account.accountId))
    problems.accountId = 'must be a Bakong account id like name@bank';
  text('name', KHQR_LIMITS.name, true);
  text('city', KHQR_LIMITS.city, true);
  text('merchantId', KHQR_LIMITS.merchantId, account.kind === 'merchant');
  text('acquiringBank', KHQR_LIMITS.acquiringBank, account.kind === 'merchant');
  text('storeLabel', KHQR_LIMITS.label, false);
  return problems;
}

/**
 * A dynamic KHQR for one payment and its md5 (Bakong's handle for it). Each call embeds the time it was made, so
 * the md5 differs every time: store the QR and md5 you hand out, never rebuild one to compare.
 */
export function buildKhqr(input: KhqrInput): { qr: string; md5: string } {
  const { account, currency } = input;
  const problems = merchantAccountProblems(account);
  const [field, problem] = Object.entries(problems)[0] ?? [];
  if (field) throw new KhqrError(`merchant account ${field} ${problem}`, 0, field);
  if (currency !== 'USD' && currency !== 'KHR')
    throw new KhqrError(`currency must be USD or KHR, got ${String(currency)}`, 0, 'currency');
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) {
    const unit = currency === 'USD' ? 'cents' : 'whole riel';
    throw new KhqrError(
      `amount must be a positive integer of ${unit}, got ${input.amountMinor}`,
      0,
      'amount',
    );
  }
  const amount = minorToDecimal(input.amountMinor, currency);
  if (amount.length > KHQR_LIMITS.amountChars)
    throw new KhqrError(`amount ${amount} is too large for a KHQR`, 0, 'amount');
  checkLabel(input.billNumber, 'billNumber', true);
  checkLabel(input.terminalLabel, 'terminalLabel', false);
  if (!Number.isSafeInteger(input.expiresAt) || String(input.expiresAt).length !== 13)
    throw new KhqrError('expiresAt must be epoch milliseconds (13 digits)', 0, 'expiresAt');
  if (input.expiresAt <= Date.now()) throw new KhqrError('expiresAt must be in the future', 0, 'expiresAt');

  const optional: LibraryOptional = {
    currency: CURRENCY_CODES[currency],
    // USD as our exact "12.30" (the library re-reads it and writes the same two decimals); KHR as whole riel.
    amount: currency === 'USD' ? amount : input.amountMinor,
    billNumber: input.billNumber,
    storeLabel: account.storeLabel,
    terminalLabel: input.terminalLabel,
    expirationTimestamp: input.expiresAt,
  };
  const generator = new library.BakongKHQR();
  const result =
    account.kind === 'merchant'
      ? unwrap(
          generator.generateMerchant(
            new library.MerchantInfo(
              account.accountId,
              account.name,
              account.city,
              account.merchantId ?? '',
              account.acquiringBank ?? '',
              optional,
            ),
          ),
        )
      : unwrap(
          generator.generateIndividual(
            new library.IndividualInfo(account.accountId, account.name, account.city, optional),
          ),
        );
  // Belt and braces: the QR must say exactly what we asked for, or no customer should ever see it.
  const check = decodeKhqr(result.qr);
  if (!check.dynamic || check.amountMinor !== input.amountMinor || check.currency !== currency)
    throw new KhqrError(`KHQR: generated amount does not match ${amount} ${currency}`);
  return { qr: result.qr, md5: result.md5 };
}

function checkLabel(value: string | undefined, field: string, required: boolean): void {
  if (value === undefined || value === '') {
    if (required) throw new KhqrError(`${field} is required`, 0, field);
    return;
  }
  if (value.length > KHQR_LIMITS.label)
    throw new KhqrError(`${field} must be at most ${KHQR_LIMITS.label} characters`, 0, field);
}

/** Bakong identifies a payment by the md5 of the whole QR string (UTF-8), as the library's `data.md5`. */
export function khqrMd5(qr: string): string {
  return createHash('md5').update(qr, 'utf8').digest('hex');
}

// --- reading --------------------------------------------------------------------------------------------------

/** Top-level EMV tags, or undefined when the text is not a sequence of tag(2) length(2) value(length). */
function readTags(qr: string): Map<string, string> | undefined {
  const tags = new Map<string, string>();
  let at = 0;
  while (at < qr.length) {
    const tag = qr.slice(at, at + 2);
    const length = qr.slice(at + 2, at + 4);
    if (!/^\d\d$/.test(tag) || !/^\d\d$/.test(length) || tags.has(tag)) return undefined;
    const end = at + 4 + Number(length);
    if (end > qr.length) return undefined;
    tags.set(tag, qr.slice(at + 4, end));
    at = end;
  }
  return tags;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over UTF-8 bytes, as 4 upper-case hex digits. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Whether the text is a well-formed KHQR: EMV structure, the required tags, a Bakong account, a known currency
 * and a matching CRC. Unlike the library's verify(), an expired QR is still valid here: expiry is a separate
 * question (`decodeKhqr(qr).expiresAt`), and a payment can arrive for a QR that has just expired.
 */
export function isValidKhqr(qr: unknown): qr is string {
  if (typeof qr !== 'string' || !/6304[0-9A-Fa-f]{4}$/.test(qr)) return false;
  if (crc16(qr.slice(0, -4)) !== qr.slice(-4).toUpperCase()) return false;
  const tags = readTags(qr);
  if (!tags || [...tags.keys()].pop() !== '63') return false;
  const account = tags.get('29') ?? tags.get('30');
  const accountId = account === undefined ? undefined : readTags(account)?.get('00');
  if (tags.get('00') !== '01' || !accountId?.includes('@')) return false;
  if (!['52', '58', '59', '60'].every((tag) => tags.has(tag))) return false;
  if (!['840', '116'].includes(tags.get('53') ?? '')) return false;
  const dynamic = tags.get('01') === '12';
  if ((dynamic || tags.has('54')) && !(tags.has('54') && tags.has('99'))) return false;
  return true;
}

/** Reads a KHQR (expired or not). Throws KhqrError when it is not a valid KHQR. */
export function decodeKhqr(qr: string): DecodedKhqr {
  if (!isValidKhqr(qr)) throw new KhqrError('KHQR provided is invalid', 8);
  const data = unwrap(library.BakongKHQR.decode(qr));
  const currency = data.transactionCurrency === '840' ? 'USD' : 'KHR';
  const common: DecodedCommon = {
    kind: data.merchantType === '30' ? 'merchant' : 'individual',
    accountId: data.bakongAccountID ?? '',
    merchantName: data.merchantName ?? '',
    city: data.merchantCity ?? '',
    currency,
    billNumber: data.billNumber,
    terminalLabel: data.terminalLabel,
  };
  if (data.transactionAmount === null) {
    return { ...common, dynamic: false, amountMinor: null, createdAt: null, expiresAt: null };
  }
  const amountMinor = decimalToMinor(data.transactionAmount, currency);
  const createdAt = Number(data.creationTimestamp);
  const expiresAt = Number(data.expirationTimestamp);
  if (amountMinor === undefined) throw new KhqrError(`KHQR amount "${data.transactionAmount}" is invalid`, 4);
  if (!Number.isSafeInteger(createdAt) || !Number.isSafeInteger(expiresAt))
    throw new KhqrError('KHQR timestamps are invalid', 8);
  return { ...common, dynamic: true, amountMinor, createdAt, expiresAt };
}

// --- pictures -------------------------------------------------------------------------------------------------

const RENDER = { errorCorrectionLevel: 'M', margin: 2 } as const;

export async function renderQrSvg(qr: string): Promise<string> {
  return QRCode.toString(qr, { ...RENDER, type: 'svg' });
}

/** A square PNG of about `size` pixels (default 320; whole pixels per module, so a few less). */
export async function renderQrPng(qr: string, size = 320): Promise<Buffer> {
  if (!Number.isInteger(size) || size < 64 || size > 2048)
    throw new RangeError(`QR image size must be 64–2048 pixels, got ${size}`);
  return QRCode.toBuffer(qr, { ...RENDER, type: 'png', width: size });
}
