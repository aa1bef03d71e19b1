import type { Locale } from '@shop/shared';
import { barcodeSvg, esc, KHMER_FONTS, khmerFontFace, type HtmlOptions } from './html';
import type { ReceiptModel } from './model';
import { receiptSlip, slipSizes, type SlipBlock } from './slip';

/**
 * The 80 mm receipt as a printable page: the slip's blocks in 72 mm of print, inline CSS only (no script), every
 * value escaped. The browser shapes Khmer itself (HarfBuzz). `@page` is the roll paper thermal printer drivers
 * offer (80 × 297 mm; they cut after the ink): CSS has no "as long as the content"; Electron, which can measure
 * the page, may pass the real height to webContents.print instead.
 */
export function renderSlipHtml(model: ReceiptModel, options: HtmlOptions = {}): string {
  return renderSlipBlocksHtml(
    receiptSlip(model),
    { title: `${model.shop.name} ${model.receiptNumber}`, language: model.language },
    options,
  );
}

/** Any 80 mm slip (a receipt, a shift's Z report) from its blocks. */
export function renderSlipBlocksHtml(
  slip: SlipBlock[],
  page: { title: string; language: Locale },
  options: HtmlOptions = {},
): string {
  const blocks = slip.map(blockHtml).join('\n');
  return `<!doctype html>
<html lang="${page.language}">
<head>
<meta charset="utf-8">
<title>${esc(page.title)}</title>
<style>${khmerFontFace(options)}${STYLE}</style>
</head>
<body>
<main class="slip">
${blocks}
</main>
</body>
</html>
`;
}

function blockHtml(block: SlipBlock): string {
  switch (block.kind) {
    case 'text':
      return `<p class="${block.style} ${block.align}">${esc(block.text)}</p>`;
    case 'row': {
      const cells = block.values.map((v) => `<span class="value">${v ? esc(v) : ''}</span>`).join('');
      const kind = block.values.length === 1 ? 'fact' : 'money';
      return `<div class="row ${kind} ${block.style}"><span class="label">${esc(block.label)}</span>${cells}</div>`;
    }
    case 'rule':
      return `<hr class="${block.heavy ? 'heavy' : 'light'}">`;
    case 'barcode':
      return `<div class="center">${barcodeSvg(block.value, 10)}</div>`;
    case 'space':
      return `<div class="space"></div>`;
  }
}

const size = (style: keyof typeof slipSizes) =>
  `font-size: ${slipSizes[style].size}pt;${slipSizes[style].bold ? ' font-weight: bold;' : ''}`;

const STYLE = `
@page { size: 80mm 297mm; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; background: #fff; font: 8pt/1.55 Arial, 'Helvetica Neue', ${KHMER_FONTS}; }
.slip { width: 80mm; padding: 3mm 4mm; }
p { margin: 0; overflow-wrap: anywhere; }
.km { font-family: ${KHMER_FONTS}; }
.title { ${size('title')} } .heading { ${size('heading')} } .strong { ${size('strong')} }
.body { ${size('body')} } .small { ${size('small')} }
.left { text-align: left; } .center { text-align: center; } .right { text-align: right; }
.row { display: flex; align-items: baseline; gap: 1mm; }
.row .label { flex: 1; overflow-wrap: anywhere; }
.row .value { text-align: right; white-space: nowrap; }
.money .value:nth-child(2) { width: 19mm; }
.money .value:nth-child(3) { width: 22mm; }
.fact .value { max-width: 55%; white-space: normal; }
hr { border: 0; margin: 1.5mm 0; }
hr.heavy { border-top: 1pt solid #000; }
hr.light { border-top: 0.5pt dashed #000; }
.space { height: 2mm; }
.barcode { display: inline-block; margin-top: 1mm; }
`;
