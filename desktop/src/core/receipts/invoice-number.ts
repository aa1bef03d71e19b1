/**
 * VAT invoice numbers made at a counter, which may be offline for days. Prakas 723 wants invoices numbered in
 * sequence; several counters cannot share one counter without the server, so each counter keeps its own series,
 * like the separate invoice books of a shop with several tills: `INV-<series>-<number>`, the series the counter's
 * own (from its device id, or set by an admin), the number its next in that series, taken in the same local
 * transaction that records the invoice (the core's `nextCounter`). No two counters share a series, so no two
 * invoices share a number, online or not; the web shop's invoices carry order numbers (W-1001), another series.
 */

/** A series is a few letters and digits: short enough for an 80 mm line, distinct per counter. */
const SERIES = /^[0-9A-Z]{1,8}$/;

export function formatVatInvoiceNumber(series: string, sequence: number): string {
  if (!SERIES.test(series))
    throw new RangeError(`an invoice series is 1 to 8 capitals or digits, got ${series}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`an invoice number counts from 1, got ${sequence}`);
  return `INV-${series}-${String(sequence).padStart(6, '0')}`;
}

/**
 * A counter's default series from its device id (a ULID): its last five characters, random per device (32⁵, about
 * 33 million, to tell apart a shop's handful of counters). An admin may give a counter a shorter one instead.
 */
export function seriesFromDeviceId(deviceId: string): string {
  const tail = deviceId
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(-5);
  if (tail.length === 0) throw new RangeError(`a device id has letters or digits, got ${deviceId}`);
  return tail;
}
