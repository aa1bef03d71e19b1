import PDFDocument from 'pdfkit';
import { formatUsd } from '@shop/shared';
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
import { registerKhmerFont, Typesetter, type Align, type KhmerFont, type Style } from './invoice-typesetter';

/**
 * The invoice as an A4 PDF: shop and customer, a table of lines that continues on further pages with its header
 * repeated, the totals in USD and KHR, and page numbers. Text is set by the Typesetter (Khmer OS for Khmer).
 */
export async function renderInvoicePdf(invoice: Invoice, khmerFont: KhmerFont): Promise<Buffer> {
  const title = invoiceTitle(invoice);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `${title[0]} ${invoice.number}`,
      Author: invoice.shop.name,
      Subject: `${title[0]} ${invoice.number} / ${title[1]}`,
    },
  });
  await registerKhmerFont(doc, khmerFont);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new InvoiceLayout(doc, invoice).render();
  doc.end();
  return finished;
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 40;
const BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Content stops here; the page number sits below. */
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN - 16;
const CELL_PAD = 4;
const COLOR = {
  brand: '#1d4e89',
  text: '#222222',
  muted: '#555555',
  rule: '#d0d0d0',
  cancelled: '#aa3333',
  white: '#ffffff',
};

const both = ([en, km]: Label) => `${en} / ${km}`;

const TEXT: Style = { size: 9 };
const CELL_SMALL: Style = { size: 8 };

interface Column {
  label: Label;
  width: number;
  align: Align;
  style: Style;
}
/** The catalog's SKUs (up to 16 characters) fit their column on one line at 8 pt. */
const COLUMNS: Column[] = [
  { label: L.sku, width: 90, align: 'left', style: CELL_SMALL },
  { label: L.item, width: 0, align: 'left', style: TEXT },
  { label: L.warranty, width: 74, align: 'left', style: CELL_SMALL },
  { label: L.quantity, width: 28, align: 'right', style: TEXT },
  { label: L.unitPrice, width: 58, align: 'right', style: TEXT },
  { label: L.amount, width: 64, align: 'right', style: TEXT },
];
COLUMNS[1]!.width = BODY_WIDTH - COLUMNS.reduce((sum, c) => sum + c.width, 0);
const CANCELLED: Style = { size: 8, color: COLOR.cancelled };

const SMALL_MUTED: Style = { size: 8, color: COLOR.muted };
const TITLE: Style = { size: 20, bold: true, color: COLOR.brand };

class InvoiceLayout {
  private readonly type: Typesetter;
  private y = MARGIN;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly invoice: Invoice,
  ) {
    this.type = new Typesetter(doc);
  }

  render(): void {
    this.header();
    this.parties();
    this.table();
    this.summary();
    this.pageNumbers();
  }

  private header(): void {
    const { shop, vat } = this.invoice;
    const leftWidth = 290;
    let left = MARGIN;
    left += this.type.block(shop.name, MARGIN, left, leftWidth, { size: 15, bold: true, color: COLOR.brand });
    left += this.type.block(shop.nameKm, MARGIN, left, leftWidth, { size: 12, color: COLOR.brand });
    const contact = [
      shop.address,
      shop.phone && `${both(L.phone)}: ${shop.phone}`,
      shop.supportEmail,
      vat && `${both(L.vatTin)}: ${vat.tin}`,
    ];
    for (const line of contact) {
      if (line) left += this.type.block(line, MARGIN, left, leftWidth, { size: 8.5, color: COLOR.muted });
    }

    const [titleEn, titleKm] = invoiceTitle(this.invoice);
    const rightX = MARGIN + leftWidth + 20;
    const rightWidth = BODY_WIDTH - leftWidth - 20;
    let right = MARGIN;
    right += this.type.block(titleEn.toUpperCase(), rightX, right, rightWidth, TITLE, 'right');
    right += this.type.block(titleKm, rightX, right, rightWidth, { size: 14, color: COLOR.brand }, 'right');
    right += 4;
    const facts: [Label, string, Style][] = [
      [L.number, this.invoice.number, { size: 11, bold: true }],
      [L.date, formatInvoiceDate(this.invoice.issuedAt), { size: 9 }],
    ];
    for (const [label, value, style] of facts) {
      const labelHeight = this.type.block(both(label), rightX, right + 1, rightWidth - 90, SMALL_MUTED);
      const valueHeight = this.type.block(value, rightX + rightWidth - 90, right, 90, style, 'right');
      right += Math.max(labelHeight, valueHeight);
    }

    this.y = Math.max(left, right) + 6;
    this.rule(this.y, COLOR.brand, 1.5);
    this.y += 10;
  }

  private parties(): void {
    const { customer, deliveryAddress } = this.invoice;
    const width = (BODY_WIDTH - 20) / 2;
    const column = (x: number, heading: Label, lines: [string, Style][]) => {
      let y = this.y;
      y += this.type.block(both(heading), x, y, width, SMALL_MUTED);
      for (const [text, style] of lines) y += this.type.block(text, x, y, width, style);
      return y;
    };
    const customerLines: [string, Style][] = [[customer.name, { size: 10.5, bold: true }]];
    if (customer.email) customerLines.push([customer.email, TEXT]);
    if (customer.phone) customerLines.push([customer.phone, TEXT]);
    const deliveryLines: [string, Style][] = deliveryAddress
      ? [
          [deliveryAddress.recipient, { size: 10.5, bold: true }],
          [deliveryAddress.phone, TEXT],
          ...deliveryAddress.lines.map((line): [string, Style] => [line, TEXT]),
        ]
      : [[both(L.pickup), { size: 10.5, bold: true }]];
    const bottom = Math.max(
      column(MARGIN, L.billTo, customerLines),
      column(MARGIN + width + 20, L.deliverTo, deliveryLines),
    );
    this.y = bottom + 12;
  }

  private table(): void {
    this.tableHeader();
    for (const line of this.invoice.lines) {
      const values = [
        line.sku,
        line.name,
        warrantyText(line.warrantyMonths),
        String(line.quantity),
        formatUsd(line.unitPriceCents),
        formatUsd(line.lineTotalCents),
      ];
      const cells = values.map((value, i) => {
        const { width, style } = COLUMNS[i]!;
        const lines = this.type.wrap(value, style, width - 2 * CELL_PAD);
        return { lines, height: lines.length * this.type.lineHeight(style) };
      });
      const item = cells[1]!;
      const cancelled =
        line.cancelledQuantity > 0
          ? this.type.wrap(
              `${line.cancelledQuantity} ${both(L.cancelled)}`,
              CANCELLED,
              COLUMNS[1]!.width - 2 * CELL_PAD,
            )
          : [];
      const itemHeight = item.height + cancelled.length * this.type.lineHeight(CANCELLED);
      const height = Math.max(itemHeight, ...cells.map((c) => c.height)) + 2 * CELL_PAD;
      if (this.y + height > CONTENT_BOTTOM) {
        this.newPage();
        this.tableHeader();
      }
      let x = MARGIN;
      cells.forEach(({ lines, height: used }, i) => {
        const { width, style, align } = COLUMNS[i]!;
        const top = this.y + CELL_PAD;
        // Every cell of a row shares the first baseline, whatever its type size.
        this.type.draw(lines, x + CELL_PAD, top, width - 2 * CELL_PAD, style, align, TEXT.size * 1.1);
        if (i === 1) this.type.draw(cancelled, x + CELL_PAD, top + used, width - 2 * CELL_PAD, CANCELLED);
        x += width;
      });
      this.y += height;
      this.rule(this.y, COLOR.rule, 0.5);
    }
  }

  private tableHeader(): void {
    const en: Style = { size: 8.5, bold: true, color: COLOR.white };
    const km: Style = { size: 8, color: COLOR.white };
    const height = this.type.lineHeight(en) + this.type.lineHeight(km) + 2 * CELL_PAD - 2;
    this.doc.rect(MARGIN, this.y, BODY_WIDTH, height).fill(COLOR.brand);
    let x = MARGIN;
    for (const column of COLUMNS) {
      const width = column.width - 2 * CELL_PAD;
      const used = this.type.block(
        column.label[0],
        x + CELL_PAD,
        this.y + CELL_PAD - 1,
        width,
        en,
        column.align,
      );
      this.type.block(column.label[1], x + CELL_PAD, this.y + CELL_PAD - 1 + used, width, km, column.align);
      x += column.width;
    }
    this.y += height;
  }

  private summary(): void {
    const totalsWidth = 310;
    const totalsX = MARGIN + BODY_WIDTH - totalsWidth;
    const columns = { label: 160, usd: 68, khr: 82 };
    const rows = summaryRows(this.invoice).map((row) => {
      const style: Style = row.strong ? { size: 10.5, bold: true, color: COLOR.brand } : TEXT;
      const label = this.type.wrap(both(row.label), style, columns.label - CELL_PAD);
      return { row, style, label, height: label.length * this.type.lineHeight(style) + 2 };
    });
    const paymentWidth = BODY_WIDTH - totalsWidth - 20;
    const payment = paymentLines(this.invoice).map(({ label, text }) =>
      text ? `${both(label)}: ${text}` : both(label),
    );
    if (this.invoice.note) payment.push(`${both(L.note)}: ${this.invoice.note}`);
    const paymentHeight =
      this.type.lineHeight(SMALL_MUTED) +
      payment.reduce((sum, text) => sum + this.type.height(text, TEXT, paymentWidth), 0);
    const totalsHeight = this.type.lineHeight(SMALL_MUTED) + rows.reduce((sum, r) => sum + r.height, 0) + 6;
    const thanksHeight = 30;
    if (this.y + 12 + Math.max(paymentHeight, totalsHeight) + thanksHeight > CONTENT_BOTTOM) this.newPage();
    const top = this.y + 12;

    let y = top;
    y += this.type.block(both(L.payment), MARGIN, y, paymentWidth, SMALL_MUTED);
    for (const text of payment) y += this.type.block(text, MARGIN, y, paymentWidth, TEXT);
    const paymentBottom = y;

    y = top;
    for (const [currency, x, width] of [
      ['USD', totalsX + columns.label, columns.usd],
      ['KHR', totalsX + columns.label + columns.usd, columns.khr],
    ] as const) {
      this.type.block(currency, x, y, width, SMALL_MUTED, 'right');
    }
    y += this.type.lineHeight(SMALL_MUTED);
    for (const { row, style, label, height } of rows) {
      if (row.strong) {
        y += 3;
        this.rule(y, COLOR.brand, 1.2, totalsX, totalsWidth);
        y += 3;
      }
      this.type.draw(label, totalsX, y, columns.label - CELL_PAD, style);
      this.type.block(row.usd, totalsX + columns.label, y, columns.usd, style, 'right');
      if (row.khr) {
        const khrStyle = row.strong ? style : { ...style, color: COLOR.muted };
        this.type.block(row.khr, totalsX + columns.label + columns.usd, y, columns.khr, khrStyle, 'right');
      }
      y += height;
    }
    this.y = Math.max(y, paymentBottom) + 14;
    this.type.block(both(L.thanks), MARGIN, this.y, BODY_WIDTH, { size: 9, color: COLOR.muted }, 'center');
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
    const { shop, number } = this.invoice;
    const running = `${shop.name} · ${both(invoiceTitle(this.invoice))} ${number}`;
    this.y += this.type.block(running, MARGIN, this.y, BODY_WIDTH, { size: 9, color: COLOR.muted });
    this.y += 6;
  }

  private pageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const text = `${both(invoiceTitle(this.invoice))} ${this.invoice.number} · ${both(L.page)} ${i + 1}/${range.count}`;
      this.type.block(
        text,
        MARGIN,
        PAGE_HEIGHT - MARGIN - 8,
        BODY_WIDTH,
        { size: 7.5, color: COLOR.muted },
        'center',
      );
    }
  }

  private rule(y: number, color: string, width: number, x = MARGIN, length = BODY_WIDTH): void {
    this.doc
      .moveTo(x, y)
      .lineTo(x + length, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }
}
