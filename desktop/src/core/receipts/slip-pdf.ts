import type { Locale } from '@shop/shared';
import { Typesetter, type KhmerFont, type Line, type Style } from '@shop/server/invoice-typesetter';
import { barRuns, encodeCode128 } from './code128';
import type { ReceiptModel } from './model';
import { drawBars, openPdf } from './pdf-output';
import { receiptSlip, slipSizes, type SlipBlock, type SlipStyle } from './slip';

/**
 * The 80 mm receipt as a PDF one slip long: 72 mm of print (what an 80 mm thermal head covers) between 4 mm
 * margins, as tall as the receipt. Khmer is set in Khmer OS by the server's typesetter (shaped by fontkit).
 */
export async function renderSlipPdf(model: ReceiptModel, khmerFont: KhmerFont): Promise<Buffer> {
  return renderSlipBlocksPdf(
    receiptSlip(model),
    { title: `${model.shop.name} ${model.receiptNumber}`, author: model.shop.name, language: model.language },
    khmerFont,
  );
}

/** Any 80 mm slip (a receipt, a shift's Z report) from its blocks, one page as long as the slip. */
export async function renderSlipBlocksPdf(
  blocks: SlipBlock[],
  about: { title: string; author: string; language: Locale },
  khmerFont: KhmerFont,
): Promise<Buffer> {
  const { doc, bytes } = await openPdf(
    {
      autoFirstPage: false,
      lang: about.language,
      displayTitle: true,
      info: { Title: about.title, Author: about.author },
    },
    khmerFont,
  );
  const layout = new SlipPdfLayout(doc);
  // Measured first, then drawn on a page of exactly that height: a roll has no page breaks.
  const height = layout.place(blocks, false);
  doc.addPage({ size: [PAGE_WIDTH, height + 2 * MARGIN], margin: 0 });
  layout.place(blocks, true);
  doc.end();
  return bytes;
}

const MM = 72 / 25.4;
const PAGE_WIDTH = 80 * MM;
const MARGIN = 4 * MM;
const WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** USD and riel columns of money rows; a fact's value gets a wider single column. */
const USD_WIDTH = 54;
const KHR_WIDTH = 62;
const FACT_WIDTH = WIDTH * 0.55;
const GAP = 4;
const BAR_HEIGHT = 30;

function style(of: SlipStyle): Style {
  const { size, bold } = slipSizes[of];
  return { size, bold, color: '#000000' };
}

class SlipPdfLayout {
  private readonly type: Typesetter;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.type = new Typesetter(doc);
  }

  /** Places the blocks from the top margin; draws them when asked; returns the height they take. */
  place(blocks: SlipBlock[], draw: boolean): number {
    let y = MARGIN;
    for (const block of blocks) y += this.block(block, y, draw);
    return y - MARGIN;
  }

  private block(block: SlipBlock, y: number, draw: boolean): number {
    switch (block.kind) {
      case 'text': {
        const s = style(block.style);
        const lines = this.type.wrap(block.text, s, WIDTH);
        if (draw) this.type.draw(lines, MARGIN, y, WIDTH, s, block.align);
        return lines.length * this.type.lineHeight(s);
      }
      case 'row':
        return this.row(block.label, block.values, style(block.style), y, draw);
      case 'rule':
        if (draw) {
          this.doc
            .moveTo(MARGIN, y + 3)
            .lineTo(MARGIN + WIDTH, y + 3)
            .lineWidth(block.heavy ? 1 : 0.4)
            .strokeColor('#000000');
          if (!block.heavy) this.doc.dash(1.5, { space: 1.5 });
          this.doc.stroke().undash();
        }
        return 6;
      case 'barcode': {
        const { modules } = encodeCode128(block.value);
        const moduleWidth = Math.min(1, WIDTH / modules.length);
        const x = MARGIN + (WIDTH - modules.length * moduleWidth) / 2;
        if (draw) drawBars(this.doc, barRuns(modules), x, y + 2, moduleWidth, BAR_HEIGHT);
        return BAR_HEIGHT + 4;
      }
      case 'space':
        return 6;
    }
  }

  /** The label wraps on the left; each value is right-aligned in its column on the label's first line. */
  private row(label: string, values: (string | null)[], s: Style, y: number, draw: boolean): number {
    const widths = values.length === 1 ? [FACT_WIDTH] : [USD_WIDTH, KHR_WIDTH];
    const valuesWidth = widths.reduce((a, b) => a + b, 0);
    const labelLines = this.type.wrap(label, s, WIDTH - valuesWidth - GAP);
    const valueLines: Line[][] = values.map((v, i) => (v ? this.type.wrap(v, s, widths[i]!) : []));
    if (draw) {
      this.type.draw(labelLines, MARGIN, y, WIDTH - valuesWidth - GAP, s);
      let x = MARGIN + WIDTH - valuesWidth;
      valueLines.forEach((lines, i) => {
        this.type.draw(lines, x, y, widths[i]!, s, 'right');
        x += widths[i]!;
      });
    }
    const lines = Math.max(labelLines.length, ...valueLines.map((l) => l.length));
    return lines * this.type.lineHeight(s);
  }
}
