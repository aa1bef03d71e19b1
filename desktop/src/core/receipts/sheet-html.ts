import type { Locale } from '@shop/shared';
import { barcodeSvg, esc, KHMER_FONTS, khmerFontFace, type HtmlOptions } from './html';
import { first, labels as L, say, second } from './labels';
import type { ReceiptModel, VatInvoiceRequest } from './model';
import { receiptSheet, sheetColumns, vatInvoiceSheet, type Sheet } from './sheet';

/** The A4 receipt as a printable page (inline CSS, no script, every value escaped). */
export function renderA4ReceiptHtml(model: ReceiptModel, options: HtmlOptions = {}): string {
  return sheetHtml(receiptSheet(model), options);
}

/** The VAT invoice as a printable A4 page. */
export function renderVatInvoiceHtml(
  model: ReceiptModel,
  request: VatInvoiceRequest,
  options: HtmlOptions = {},
): string {
  return sheetHtml(vatInvoiceSheet(model, request), options);
}

function sheetHtml(sheet: Sheet, options: HtmlOptions): string {
  const lang: Locale = sheet.language;
  const money = (rows: Sheet['totals']) =>
    rows
      .map(
        (row) =>
          `<tr${row.strong ? ' class="grand"' : ''}><th>${esc(say(row.label, lang))}</th><td class="num">${esc(row.usd ?? '')}</td><td class="num">${esc(row.khr ?? '')}</td></tr>`,
      )
      .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(`${first(sheet.title, lang)} ${sheet.number} · ${sheet.seller.name}`)}</title>
<style>${khmerFontFace(options)}${STYLE}</style>
</head>
<body>
<main class="sheet">
<header class="head">
  <div class="seller">
    <div class="name">${esc(sheet.seller.name)}</div>
    <div class="name-km">${esc(sheet.seller.nameKm)}</div>
    ${sheet.seller.details.map((d) => `<div class="muted">${esc(d)}</div>`).join('\n    ')}
  </div>
  <div class="title">
    <h1>${esc(first(sheet.title, lang))}</h1>
    <div class="title-2">${esc(second(sheet.title, lang))}</div>
    <table class="facts">${sheet.facts.map((f) => `<tr><th>${esc(f.label)}</th><td>${esc(f.value)}</td></tr>`).join('')}</table>
  </div>
</header>
<section class="party">
  <h2>${esc(sheet.party.heading)}</h2>
  <div class="strong">${esc(sheet.party.name)}</div>
  ${sheet.party.details.map((d) => `<div>${esc(d)}</div>`).join('\n  ')}
</section>
<table class="lines">
  <thead><tr>${sheetColumns.map((c) => `<th class="${c.align}">${esc(first(c.label, lang))}<br><span class="muted-head">${esc(second(c.label, lang))}</span></th>`).join('')}</tr></thead>
  <tbody>
${sheet.lines
  .map(
    (line) =>
      `<tr><td class="right">${line.no}</td><td>${esc(line.name)}<div class="sku">${esc(line.sku)}</div>${line.details.map((d) => `<div class="detail">${esc(d)}</div>`).join('')}</td><td class="right">${line.quantity}</td><td class="right">${esc(line.unitPrice)}</td><td class="right">${esc(line.amount)}</td></tr>`,
  )
  .join('\n')}
  </tbody>
</table>
<section class="bottom">
  <div class="payment">
    ${sheet.payments.length ? `<h2>${esc(say(L.payment, lang))}</h2><table class="money">${money(sheet.payments)}</table>` : ''}
    <div class="muted">${esc(sheet.rate)}</div>
  </div>
  <table class="money totals">
    <tr class="currencies"><th></th><td class="num">USD</td><td class="num">KHR</td></tr>
    ${money(sheet.totals)}
  </table>
</section>
${sheet.signatures ? `<section class="signatures"><div>${esc(say(L.signatureBuyer, lang))}</div><div>${esc(say(L.signatureSeller, lang))}</div></section>` : ''}
${sheet.barcode ? `<div class="code">${barcodeSvg(sheet.barcode, 12)}<div>${esc(sheet.barcode)}</div></div>` : ''}
<footer>${sheet.footer.map((f) => `<div>${esc(f)}</div>`).join('')}</footer>
</main>
</body>
</html>
`;
}

const STYLE = `
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
html { background: #eee; }
body { -webkit-print-color-adjust: exact; print-color-adjust: exact; margin: 0; color: #222; font: 10pt/1.6 Arial, 'Helvetica Neue', ${KHMER_FONTS}; }
.sheet { width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 14mm; background: #fff; }
.head { display: flex; justify-content: space-between; gap: 8mm; border-bottom: 2px solid #1d4e89; padding-bottom: 4mm; }
.seller { flex: 1; }
.name { font-size: 15pt; font-weight: bold; color: #1d4e89; }
.name-km { font-size: 13pt; color: #1d4e89; }
.muted { color: #555; }
.title { text-align: right; }
h1 { margin: 0; font-size: 20pt; line-height: 1.3; color: #1d4e89; }
.title-2 { font-size: 13pt; color: #1d4e89; }
h2 { margin: 0 0 1mm; font-size: 9pt; color: #555; font-weight: normal; }
table { border-collapse: collapse; }
.facts { margin-left: auto; }
.facts th { text-align: left; font-weight: normal; color: #555; padding-right: 4mm; font-size: 9pt; }
.facts td { text-align: right; }
.party { margin: 5mm 0; }
.strong { font-weight: bold; }
.lines { width: 100%; }
.lines th { background: #1d4e89; color: #fff; font-weight: normal; padding: 1.5mm 2mm; font-size: 9pt; line-height: 1.4; }
.lines td { padding: 1.5mm 2mm; border-bottom: 1px solid #ddd; vertical-align: top; }
.lines tr { break-inside: avoid; }
.lines thead { display: table-header-group; }
.left { text-align: left; } .right { text-align: right; white-space: nowrap; }
.sku, .detail { font-size: 8.5pt; color: #555; }
.bottom { display: flex; justify-content: space-between; gap: 8mm; margin-top: 5mm; break-inside: avoid; }
.payment { flex: 1; }
.money th { text-align: left; font-weight: normal; padding: 0.8mm 4mm 0.8mm 0; }
.money td { padding: 0.8mm 0 0.8mm 4mm; }
.num { text-align: right; white-space: nowrap; }
.currencies td { color: #555; font-size: 8pt; }
.grand th, .grand td { border-top: 2px solid #1d4e89; font-weight: bold; font-size: 11pt; color: #1d4e89; padding-top: 2mm; }
.signatures { display: flex; justify-content: space-between; margin-top: 16mm; }
.signatures div { width: 60mm; border-top: 1px solid #555; text-align: center; padding-top: 1mm; color: #555; }
.code { margin-top: 8mm; text-align: center; font-size: 9pt; }
footer { margin-top: 8mm; text-align: center; color: #555; }
@media print { html { background: none; } .sheet { width: auto; min-height: 0; margin: 0; padding: 0; } }
`;
