import { formatShopDateTime, formatUsd } from '@shop/shared';
import { figureReceipt, paymentRows, rateText, totalRows, type MoneyRow } from './figures';
import { labels as L, say } from './labels';
import type { ReceiptModel } from './model';

/**
 * The 80 mm receipt as a list of blocks, top to bottom: what the slip says, decided once. The HTML page, the PDF
 * and the printer's bitmap each only draw these blocks, so the three never say different things.
 */
export type SlipStyle = 'title' | 'heading' | 'body' | 'small' | 'strong';
export type SlipAlign = 'left' | 'center' | 'right';

export type SlipBlock =
  | { kind: 'text'; text: string; style: SlipStyle; align: SlipAlign }
  /** A label and one value (a fact) or two (USD, riel): values right-aligned in their columns. */
  | { kind: 'row'; label: string; values: (string | null)[]; style: SlipStyle }
  | { kind: 'rule'; heavy: boolean }
  | { kind: 'barcode'; value: string }
  | { kind: 'space' };

/** Type sizes in points; the printer's bitmap scales them to its 203 dpi. */
export const slipSizes: Record<SlipStyle, { size: number; bold: boolean }> = {
  title: { size: 12, bold: true },
  heading: { size: 10, bold: false },
  strong: { size: 10, bold: true },
  body: { size: 8, bold: false },
  small: { size: 7, bold: false },
};

export function receiptSlip(model: ReceiptModel): SlipBlock[] {
  const { shop, language: lang } = model;
  const figures = figureReceipt(model);
  const text = (t: string, style: SlipStyle = 'body', align: SlipAlign = 'center'): SlipBlock => ({
    kind: 'text',
    text: t,
    style,
    align,
  });
  // The space under the Khmer name leaves room for its subscripts, which reach below the line.
  const blocks: SlipBlock[] = [text(shop.name, 'title'), text(shop.nameKm, 'heading'), { kind: 'space' }];
  for (const line of [shop.address, shop.phone && `${say(L.phone, lang)}: ${shop.phone}`])
    if (line) blocks.push(text(line, 'small'));
  if (figures.vat) blocks.push(text(`${say(L.vatTin, lang)}: ${figures.vat.tin}`, 'small'));
  blocks.push({ kind: 'rule', heavy: true }, text(say(L.receipt, lang), 'strong'));

  const fact = (label: string, value: string): SlipBlock => ({
    kind: 'row',
    label,
    values: [value],
    style: 'small',
  });
  blocks.push(
    fact(say(L.receiptNumber, lang), model.receiptNumber),
    fact(say(L.date, lang), formatShopDateTime(model.at, lang)),
    fact(say(L.counter, lang), model.deviceName),
    fact(say(L.cashier, lang), model.staff.name),
    fact(say(L.customer, lang), model.customer ? model.customer.name : say(L.walkIn, lang)),
  );
  if (model.customer?.phone) blocks.push(fact(say(L.phone, lang), model.customer.phone));
  blocks.push({ kind: 'rule', heavy: false });

  for (const { line, grossCents, discountCents } of figures.lines) {
    blocks.push(text(line.name, 'body', 'left'), {
      kind: 'row',
      label: `${line.quantity} × ${formatUsd(line.unitPriceCents)}`,
      values: [formatUsd(grossCents), null],
      style: 'body',
    });
    if (discountCents > 0)
      blocks.push({
        kind: 'row',
        label: line.discountName ?? say(L.lineDiscount, lang),
        values: [formatUsd(-discountCents), null],
        style: 'small',
      });
    if (line.serials?.length)
      blocks.push(text(`${L.serials[0]}: ${line.serials.join(', ')}`, 'small', 'left'));
    if (line.warrantyMonths)
      blocks.push(
        text(`${say(L.warranty, lang)}: ${line.warrantyMonths} ${say(L.months, lang)}`, 'small', 'left'),
      );
  }
  blocks.push({ kind: 'rule', heavy: false });

  const money = (row: MoneyRow): SlipBlock => ({
    kind: 'row',
    label: say(row.label, lang),
    values: [row.usd, row.khr],
    style: row.strong ? 'strong' : 'body',
  });
  blocks.push({ kind: 'row', label: '', values: ['USD', 'KHR'], style: 'small' });
  for (const row of totalRows(figures)) {
    if (row.strong) blocks.push({ kind: 'rule', heavy: true });
    blocks.push(money(row));
  }
  blocks.push({ kind: 'rule', heavy: false }, text(say(L.payment, lang), 'small', 'left'));
  blocks.push(...paymentRows(model, figures).map(money));
  blocks.push(fact(say(L.rate, lang), rateText(model.rielPerUsd)), { kind: 'space' });

  blocks.push({ kind: 'barcode', value: model.receiptNumber }, text(model.receiptNumber, 'small'));
  blocks.push({ kind: 'space' }, text(say(L.thanks, lang), 'body'));
  if (model.footer) blocks.push(text(model.footer, 'small'));
  return blocks;
}
