import { escapeHtml, formatUsd } from '@shop/shared';
import {
  formatInvoiceDate,
  invoiceLabels as L,
  invoiceTitle,
  paymentLines,
  summaryRows,
  warrantyText,
  type Invoice,
  type Label,
} from './invoice';

/**
 * The invoice as one printable A4 page: inline CSS only (the app's CSP allows inline styles, not scripts), every
 * value escaped. Khmer falls back to Khmer OS or Noto Sans Khmer, whichever the reader's machine has.
 */
export function renderInvoiceHtml(invoice: Invoice): string {
  const title = invoiceTitle(invoice);
  const { shop, customer } = invoice;
  const shopLines = [shop.address, shop.phone && `${L.phone[0]}: ${shop.phone}`, shop.supportEmail];
  const deliveryBlock = invoice.deliveryAddress
    ? [invoice.deliveryAddress.recipient, invoice.deliveryAddress.phone, ...invoice.deliveryAddress.lines]
        .map((line) => `<div>${esc(line)}</div>`)
        .join('')
    : `<div>${bilingual(L.pickup)}</div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${title[0]} ${invoice.number} · ${shop.name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main class="sheet">
  <header class="head">
    <div class="shop">
      <div class="shop-name">${esc(shop.name)}</div>
      <div class="shop-name-km km" lang="km">${esc(shop.nameKm)}</div>
      ${shopLines
        .filter(Boolean)
        .map((line) => `<div class="muted">${esc(line!)}</div>`)
        .join('')}
      ${invoice.vat ? `<div class="muted">${bilingual(L.vatTin)}: ${esc(invoice.vat.tin)}</div>` : ''}
    </div>
    <div class="title">
      <h1>${esc(title[0])}</h1>
      <div class="title-km km" lang="km">${esc(title[1])}</div>
      <table class="facts">
        <tr><th>${bilingual(L.number)}</th><td class="number">${esc(invoice.number)}</td></tr>
        <tr><th>${bilingual(L.date)}</th><td>${esc(formatInvoiceDate(invoice.issuedAt))}</td></tr>
      </table>
    </div>
  </header>

  <section class="parties">
    <div>
      <h2>${bilingual(L.billTo)}</h2>
      <div class="strong">${esc(customer.name)}</div>
      ${customer.email ? `<div>${esc(customer.email)}</div>` : ''}
      ${customer.phone ? `<div>${esc(customer.phone)}</div>` : ''}
    </div>
    <div>
      <h2>${bilingual(L.deliverTo)}</h2>
      ${deliveryBlock}
    </div>
  </section>

  <table class="lines">
    <thead>
      <tr>
        <th class="sku">${stacked(L.sku)}</th>
        <th>${stacked(L.item)}</th>
        <th class="warranty">${stacked(L.warranty)}</th>
        <th class="num">${stacked(L.quantity)}</th>
        <th class="num">${stacked(L.unitPrice)}</th>
        <th class="num">${stacked(L.amount)}</th>
      </tr>
    </thead>
    <tbody>
      ${invoice.lines
        .map(
          (line) => `<tr>
        <td class="sku">${esc(line.sku)}</td>
        <td>${esc(line.name)}${
          line.originalUnitPriceCents !== null
            ? `<div class="promotion">${esc(line.promotionName ?? '')} (${esc(L.was[0])} / ${esc(L.was[1])} <s>${esc(
                formatUsd(line.originalUnitPriceCents),
              )}</s>)</div>`
            : ''
        }${
          line.cancelledQuantity > 0
            ? `<div class="cancelled">${line.cancelledQuantity} ${bilingual(L.cancelled)}</div>`
            : ''
        }</td>
        <td class="warranty">${esc(warrantyText(line.warrantyMonths))}</td>
        <td class="num">${line.quantity}</td>
        <td class="num">${esc(formatUsd(line.unitPriceCents))}</td>
        <td class="num">${esc(formatUsd(line.lineTotalCents))}</td>
      </tr>`,
        )
        .join('\n      ')}
    </tbody>
  </table>

  <section class="bottom">
    <div class="payment">
      <h2>${bilingual(L.payment)}</h2>
      ${paymentLines(invoice)
        .map(
          ({ label, text }) =>
            `<div>${bilingual(label)}${text ? `: <span class="strong">${esc(text)}</span>` : ''}</div>`,
        )
        .join('\n      ')}
      ${invoice.note ? `<div class="note">${bilingual(L.note)}: ${esc(invoice.note)}</div>` : ''}
    </div>
    <table class="totals">
      <tr class="currencies"><th></th><td class="num">USD</td><td class="num">KHR</td></tr>
      ${summaryRows(invoice)
        .map(
          (row) => `<tr${row.strong ? ' class="grand"' : ''}>
        <th>${bilingual(row.label)}</th>
        <td class="num">${esc(row.usd)}</td>
        <td class="num khr">${row.khr ? esc(row.khr) : ''}</td>
      </tr>`,
        )
        .join('\n      ')}
    </table>
  </section>

  <footer>${bilingual(L.thanks)}</footer>
</main>
</body>
</html>
`;
}

const KHMER_FONTS = `'Khmer OS', 'Noto Sans Khmer', sans-serif`;

const STYLE = `
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
html { background: #eee; }
body { -webkit-print-color-adjust: exact; print-color-adjust: exact; margin: 0; color: #222; font: 10pt/1.45 'Helvetica Neue', Arial, ${KHMER_FONTS}; }
.km { font-family: ${KHMER_FONTS}; }
.sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 14mm; background: #fff; }
.head { display: flex; justify-content: space-between; gap: 8mm; border-bottom: 2px solid #1d4e89; padding-bottom: 4mm; }
.shop { flex: 1; }
.shop-name { font-size: 15pt; font-weight: bold; color: #1d4e89; }
.shop-name-km { font-size: 13pt; }
.muted { color: #555; }
.title { text-align: right; flex: none; }
h1 { margin: 0; font-size: 20pt; line-height: 1.2; color: #1d4e89; text-transform: uppercase; }
.title-km { font-size: 15pt; color: #1d4e89; margin-bottom: 2mm; }
h2 { margin: 0 0 1mm; font-size: 9pt; color: #555; font-weight: normal; text-transform: uppercase; letter-spacing: .03em; }
table { border-collapse: collapse; }
.facts { margin-left: auto; }
.facts th { text-align: left; font-weight: normal; color: #555; padding: 0 4mm 0 0; white-space: nowrap; font-size: 9pt; }
.facts td { text-align: right; white-space: nowrap; }
.number { font-weight: bold; }
.parties { display: flex; gap: 8mm; margin: 5mm 0; }
.parties > div { flex: 1; }
.strong { font-weight: bold; }
.lines { width: 100%; margin-top: 2mm; }
.lines th { background: #1d4e89; color: #fff; font-weight: normal; text-align: left; padding: 1.5mm 2mm; font-size: 9pt; line-height: 1.3; }
.lines td { padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; vertical-align: top; }
.lines tr { page-break-inside: avoid; break-inside: avoid; }
.lines thead { display: table-header-group; }
.sku { width: 24mm; white-space: nowrap; }
.warranty { width: 32mm; white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
.lines th.num { text-align: right; }
.cancelled { color: #a33; font-size: 9pt; }
.promotion { color: #2a6; font-size: 9pt; }
.bottom { display: flex; justify-content: space-between; gap: 8mm; margin-top: 5mm; break-inside: avoid; }
.payment { flex: 1; }
.note { margin-top: 2mm; color: #555; }
.totals th { text-align: left; font-weight: normal; padding: 1mm 4mm 1mm 0; }
.totals td { padding: 1mm 0 1mm 4mm; }
.totals .khr { color: #555; }
.totals .currencies td { color: #555; font-size: 8pt; padding-bottom: 0; }
.totals .grand th, .totals .grand td { border-top: 2px solid #1d4e89; font-weight: bold; font-size: 11pt; color: #1d4e89; padding-top: 2mm; }
footer { margin-top: 10mm; text-align: center; color: #555; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; }
}
`;

function bilingual([en, km]: Label): string {
  return `${esc(en)} / <span class="km" lang="km">${esc(km)}</span>`;
}

function stacked([en, km]: Label): string {
  return `${esc(en)}<br><span class="km" lang="km">${esc(km)}</span>`;
}

/** Every value placed in the page goes through it. */
export const esc = escapeHtml;
