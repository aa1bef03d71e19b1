import { merchantAccountSchema, settingKeys, type Currency, type MerchantAccountSetting } from '@shop/shared';
import QRCode from 'qrcode';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';

/** The shop's static KHQR as the counter shows it when the server cannot make a dynamic one. */
export interface StaticKhqr {
  khqr: string;
  currency: Currency;
  /** The name the customer's bank app shows before they pay: they check it, then type the amount. */
  receiverName: string;
  qrDataUrl: string;
}

/** EMVCo tag: two-digit id, two-digit length (in characters, as KHQR counts them), value. */
function tag(id: string, value: string): string {
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE over the UTF-8 bytes, 4 upper-case hex digits (KHQR tag 63). */
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
 * A static KHQR (point of initiation `11`) of the shop's Bakong account: no amount, no expiry, no bill number, the
 * same QR as a sticker at the till. It needs no server, so it works offline; the money is confirmed by staff on the
 * shop phone, never by this QR.
 */
export function staticKhqrPayload(account: MerchantAccountSetting, currency: Currency): string {
  const accountInfo =
    account.kind === 'merchant'
      ? tag(
          '30',
          tag('00', account.accountId) +
            tag('01', account.merchantId ?? '') +
            tag('02', account.acquiringBank ?? ''),
        )
      : tag('29', tag('00', account.accountId));
  const body =
    tag('00', '01') +
    tag('01', '11') +
    accountInfo +
    tag('52', '5999') +
    tag('53', currency === 'USD' ? '840' : '116') +
    tag('58', 'KH') +
    tag('59', account.name) +
    tag('60', account.city) +
    (account.storeLabel ? tag('62', tag('03', account.storeLabel)) : '') +
    '6304';
  return body + crc16(body);
}

/** The shop's static KHQR from the settings last pulled from the server. */
export function staticKhqrReader(db: LocalDb) {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  return async (input: unknown): Promise<StaticKhqr> => {
    const currency = (input as { currency?: unknown } | null)?.currency;
    if (currency !== 'USD' && currency !== 'KHR') throw new PosError('invalid', 'currency is USD or KHR');
    const stored = setting.get(settingKeys.merchantAccount) as string | undefined;
    // The server validated it before storing it; parsing again keeps a damaged row from becoming a wrong QR.
    const account = merchantAccountSchema.safeParse(stored === undefined ? undefined : JSON.parse(stored));
    if (!account.success)
      throw new PosError(
        'not_found',
        "the shop's Bakong account is not set up on this counter: ask an admin to set it, then sync",
      );
    const khqr = staticKhqrPayload(account.data, currency);
    const qrDataUrl = await QRCode.toDataURL(khqr, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    return { khqr, currency, receiverName: account.data.name, qrDataUrl };
  };
}
