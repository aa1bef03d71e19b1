import { Typesetter, type KhmerFont, type Style } from '@shop/server/invoice-typesetter';
import { barRuns, encodeCode128 } from './code128';
import { first, labels as L, say, second } from './labels';
import type { ReceiptModel, VatInvoiceRequest } from './model';
import { drawBars, openPdf } from './pdf-output';
import { receiptSheet, sheetColumns, vatInvoiceSheet, type Sheet } from './sheet';

/** The A4 receipt as a PDF, Khmer set in Khmer OS by the server's typesetter. */
export async function renderA4ReceiptPdf(model: ReceiptModel, khmerFont: KhmerFont): Promise<Buffer> {
  return sheetPdf(receiptSheet(model), khmerFont);
}

/** The VAT invoice as an A4 PDF. */
export async function renderVatInvoicePdf(
  model: ReceiptModel,
  request: VatInvoiceRequest,
  khmerFont: KhmerFont,
): Promise<Buffer> {
  return sheetPdf(vatInvoiceSheet(model, request), khmerFont);
}

async function sheetPdf(sheet: Sheet, khmerFont: KhmerFont): Promise<Buffer> {
  const { doc, bytes } = await openPdf(
    {
      size: 'A4',
      margin: MARGIN,
      lang: sheet.language,
      displayTitle: true,
      info: { Title: `${sheet.title[0]} ${sheet.number}`, Author: sheet.seller.name },
    },
    khmerFont,
  );
  new SheetLayout(doc, sheet).render();
  doc.end();
  return bytes;
}

const PAGE_HEIGHT = 841.89;
const MARGIN = 40;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = PAGE_HEIGHT - MARGIN;
const PAD = 4;
const BRAND = '#1d4e89';
const MUTED: Style = { size: 8.5, color: '#555555' };
const TEXT: Style = { size: 9.5 };
/** No., item, qty, unit price, amount. */
const COLUMN_WIDTHS = [28, WIDTH - 28 - 40 - 80 - 90, 40, 80, 90];

class SheetLayout {
  private readonly type: Typesetter;
  private y = MARGIN;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly sheet: Sheet,
  ) {
    this.type = new Typesetter(doc);
  }

  render(): void {
    this.header();
    this.party();
    this.table();
    this.bottom();
  }

  private header(): void {
    const { seller, title, facts, language } = this.sheet;
    const leftWidth = 280;
    let left = MARGIN;
    left += this.type.block(seller.name, MARGIN, left, leftWidth, { size: 15, bold: true, color: BRAND });
    left += this.type.block(seller.nameKm, MARGIN, left, leftWidth, { size: 12, color: BRAND });
    for (const line of seller.details) left += this.type.block(line, MARGIN, left, leftWidth, MUTED);

    const x = MARGIN + leftWidth + 20;
    const width = WIDTH - leftWidth - 20;
    let right = MARGIN;
    right += this.type.block(
      first(title, language),
      x,
      right,
      width,
      { size: 18, bold: true, color: BRAND },
      'right',
    );
    right += this.type.block(second(title, language), x, right, width, { size: 12, color: BRAND }, 'right');
    for (const fact of facts) {
      const labelHeight = this.type.block(fact.label, x, right, width - 100, MUTED);
      const valueHeight = this.type.block(
        fact.value,
        x + width - 100,
        right,
        100,
        { size: 9.5, bold: true },
        'right',
      );
      right += Math.max(labelHeight, valueHeight);
    }
    this.y = Math.max(left, right) + 6;
    this.rule(this.y, BRAND, 1.5);
    this.y += 10;
  }

  private party(): void {
    const { party } = this.sheet;
    this.y += this.type.block(party.heading, MARGIN, this.y, WIDTH, MUTED);
    this.y += this.type.block(party.name, MARGIN, this.y, WIDTH, { size: 11, bold: true });
    for (const line of party.details) this.y += this.type.block(line, MARGIN, this.y, WIDTH, TEXT);
    this.y += 10;
  }

  private table(): void {
    this.tableHeader();
    for (const line of this.sheet.lines) {
      const cells = [String(line.no), line.name, String(line.quantity), line.unitPrice, line.amount];
      const wrapped = cells.map((text, i) => this.type.wrap(text, TEXT, COLUMN_WIDTHS[i]! - 2 * PAD));
      const detailText = [line.sku, ...line.details];
      const details = detailText.map((d) => this.type.wrap(d, MUTED, COLUMN_WIDTHS[1]! - 2 * PAD));
      const itemHeight =
        wrapped[1]!.length * this.type.lineHeight(TEXT) +
        details.reduce((sum, d) => sum + d.length * this.type.lineHeight(MUTED), 0);
      const height = Math.max(itemHeight, this.type.lineHeight(TEXT)) + 2 * PAD;
      if (this.y + height > BOTTOM - 120) {
        this.doc.addPage();
        this.y = MARGIN;
        this.tableHeader();
      }
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        const align = sheetColumns[i]!.align;
        this.type.draw(lines, x + PAD, this.y + PAD, COLUMN_WIDTHS[i]! - 2 * PAD, TEXT, align);
        if (i === 1) {
          let dy = this.y + PAD + lines.length * this.type.lineHeight(TEXT);
          for (const d of details) dy += this.type.draw(d, x + PAD, dy, COLUMN_WIDTHS[1]! - 2 * PAD, MUTED);
        }
        x += COLUMN_WIDTHS[i]!;
      });
      this.y += height;
      this.rule(this.y, '#d0d0d0', 0.5);
    }
  }

  private tableHeader(): void {
    const en: Style = { size: 8.5, bold: true, color: '#ffffff' };
    const km: Style = { size: 8, color: '#ffffff' };
    const height = this.type.lineHeight(en) + this.type.lineHeight(km) + 2 * PAD;
    this.doc.rect(MARGIN, this.y, WIDTH, height).fill(BRAND);
    let x = MARGIN;
    sheetColumns.forEach((column, i) => {
      const width = COLUMN_WIDTHS[i]! - 2 * PAD;
      const lang = this.sheet.language;
      const used = this.type.block(first(column.label, lang), x + PAD, this.y + PAD, width, en, column.align);
      this.type.block(second(column.label, lang), x + PAD, this.y + PAD + used, width, km, column.align);
      x += COLUMN_WIDTHS[i]!;
    });
    this.y += height;
  }

  private bottom(): void {
    const { sheet } = this;
    const lang = sheet.language;
    const totalsWidth = 300;
    const totalsX = MARGIN + WIDTH - totalsWidth;
    const col = { label: 150, usd: 70, khr: 80 };
    const moneyRows = (rows: Sheet['totals'], x: number, top: number, labelWidth: number) => {
      let y = top;
      for (const row of rows) {
        const style: Style = row.strong ? { size: 10.5, bold: true, color: BRAND } : TEXT;
        if (row.strong) {
          this.rule(y + 2, BRAND, 1.2, x, labelWidth + col.usd + col.khr);
          y += 5;
        }
        const label = this.type.wrap(say(row.label, lang), style, labelWidth - PAD);
        this.type.draw(label, x, y, labelWidth - PAD, style);
        if (row.usd) this.type.block(row.usd, x + labelWidth, y, col.usd, style, 'right');
        if (row.khr) this.type.block(row.khr, x + labelWidth + col.usd, y, col.khr, style, 'right');
        y += label.length * this.type.lineHeight(style) + 2;
      }
      return y;
    };
    this.ensure(200);
    const top = this.y + 12;
    let totalsY = top;
    this.type.block('USD', totalsX + col.label, totalsY, col.usd, MUTED, 'right');
    this.type.block('KHR', totalsX + col.label + col.usd, totalsY, col.khr, MUTED, 'right');
    totalsY = moneyRows(sheet.totals, totalsX, totalsY + this.type.lineHeight(MUTED), col.label);

    // What was handed over sits under the totals, in the same columns; the rate on the left.
    if (sheet.payments.length) {
      totalsY += 8;
      totalsY += this.type.block(say(L.payment, lang), totalsX, totalsY, col.label, MUTED);
      totalsY = moneyRows(sheet.payments, totalsX, totalsY, col.label);
    }
    const rateY = top + this.type.lineHeight(MUTED);
    const rateHeight = this.type.block(sheet.rate, MARGIN, rateY, WIDTH - totalsWidth - 20, MUTED);
    this.y = Math.max(totalsY, rateY + rateHeight) + 16;
    this.ensure(140);

    if (sheet.signatures) {
      this.y += 40;
      const width = 180;
      for (const [label, x] of [
        [L.signatureBuyer, MARGIN],
        [L.signatureSeller, MARGIN + WIDTH - width],
      ] as const) {
        this.rule(this.y, '#555555', 0.7, x, width);
        this.type.block(say(label, lang), x, this.y + 3, width, MUTED, 'center');
      }
      this.y += 30;
    }
    if (sheet.barcode) {
      const { modules } = encodeCode128(sheet.barcode);
      const x = MARGIN + (WIDTH - modules.length) / 2;
      drawBars(this.doc, barRuns(modules), x, this.y, 1, 34);
      this.y += 36;
      this.y += this.type.block(sheet.barcode, MARGIN, this.y, WIDTH, MUTED, 'center');
    }
    this.y += 8;
    for (const line of sheet.footer) this.y += this.type.block(line, MARGIN, this.y, WIDTH, MUTED, 'center');
  }

  /** Starts a new page when less than `height` is left on this one. */
  private ensure(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.y = MARGIN;
  }

  private rule(y: number, color: string, width: number, x = MARGIN, length = WIDTH): void {
    this.doc
      .moveTo(x, y)
      .lineTo(x + length, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }
}
