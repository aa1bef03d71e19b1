import { receiptPapers, type Locale, type ReceiptPaper } from '@shop/shared';
import type { KhmerFont } from '@shop/server/invoice-typesetter';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import { readState } from '../local-db/state';
import { saleReceiptModels } from './from-sale';
import { printReceipt } from './index';
import { seriesFromDeviceId } from './invoice-number';
import type { VatInvoiceRequest } from './model';
import { PrinterUnreachable } from './printer';
import { printerSettings, printerTarget, type PrinterSetting } from './printer-setting';
import { renderA4ReceiptHtml, renderVatInvoiceHtml } from './sheet-html';
import { renderA4ReceiptPdf, renderVatInvoicePdf } from './sheet-pdf';
import { renderSlipHtml } from './slip-html';
import { renderSlipPdf } from './slip-pdf';
import type { ReceiptSnapshotter } from './snapshot';
import { parseVatBuyer, vatInvoiceBook, type IssuedVatInvoice } from './vat-invoices';

/** A document for the screens: a page to show and print, or a PDF to save or share. */
export type ReceiptDocument = { html: string } | { pdfBase64: string; fileName: string };

/** The papers of the shop's counter policy (`receiptPaper`), which says which one the screens print on. */
export type ReceiptFormat = ReceiptPaper;
export type DocumentKind = 'html' | 'pdf';

/** What the receipt commands need of the core: its database, the snapshot of today's settings, the Khmer font, the time. */
export interface ReceiptDeskOptions {
  db: LocalDb;
  snapshot: ReceiptSnapshotter;
  khmerFont: KhmerFont;
  now: () => number;
  /** The language a receipt is made in when the screen does not say. */
  language: Locale;
}

/**
 * The receipt commands of the core (commands.ts): documents of a committed sale, the VAT invoice on request, the
 * printer. Every input comes from a screen, maybe over the browser host, so each is checked here.
 */
export function receiptDesk(options: ReceiptDeskOptions) {
  const { db } = options;
  const saleReceipt = saleReceiptModels(db, options.snapshot);
  const invoices = vatInvoiceBook(db);
  const printer = printerSettings(db);

  const invoiceOf = (receiptNumber: unknown) => {
    const { saleId, model } = saleReceipt(receiptNumberOf(receiptNumber), 'km');
    const invoice = invoices.find(saleId);
    if (!invoice)
      throw new PosError(
        'not_found',
        `no VAT invoice was issued for ${model.receiptNumber}: issue one first`,
      );
    return { model, invoice };
  };

  return {
    async receiptDocument(input: {
      receiptNumber: string;
      format: ReceiptFormat;
      as: DocumentKind;
      language?: Locale;
    }): Promise<ReceiptDocument> {
      const fields = fieldsOf(input);
      const format = oneOf(fields.format, receiptPapers, 'format');
      const as = oneOf(fields.as, ['html', 'pdf'] as const, 'as');
      const language =
        fields.language === undefined
          ? options.language
          : oneOf(fields.language, ['en', 'km'] as const, 'language');
      const { model } = saleReceipt(receiptNumberOf(fields.receiptNumber), language);
      if (as === 'html')
        return { html: format === 'slip80' ? renderSlipHtml(model) : renderA4ReceiptHtml(model) };
      const pdf = await (format === 'slip80' ? renderSlipPdf : renderA4ReceiptPdf)(model, options.khmerFont);
      return pdfDocument(pdf, `receipt-${model.receiptNumber}`);
    },

    issueVatInvoice(input: { receiptNumber: string; buyer: VatInvoiceRequest['buyer'] }, staffId: string) {
      const fields = fieldsOf(input);
      const buyer = parseVatBuyer(fields.buyer);
      const { saleId, model } = saleReceipt(receiptNumberOf(fields.receiptNumber), 'km');
      const deviceId = readState(db, 'deviceId');
      if (!deviceId)
        throw new PosError(
          'not_paired',
          "pair this counter first: its VAT invoices are numbered in the counter's own series",
        );
      return invoices.issue({
        saleId,
        registered: model.vat?.registered === true,
        buyer,
        series: seriesFromDeviceId(deviceId),
        staffId,
        now: options.now(),
      });
    },

    async vatInvoiceDocument(input: { receiptNumber: string; as: DocumentKind }): Promise<ReceiptDocument> {
      const fields = fieldsOf(input);
      const as = oneOf(fields.as, ['html', 'pdf'] as const, 'as');
      const { model, invoice } = invoiceOf(fields.receiptNumber);
      const request = invoiceRequest(invoice);
      if (as === 'html') return { html: renderVatInvoiceHtml(model, request) };
      return pdfDocument(await renderVatInvoicePdf(model, request, options.khmerFont), invoice.number);
    },

    async printReceipt(input: {
      receiptNumber: string;
      openDrawer?: boolean;
    }): Promise<{ printedOn: string }> {
      const fields = fieldsOf(input);
      const openDrawer = fields.openDrawer ?? false;
      if (typeof openDrawer !== 'boolean') throw new PosError('invalid', 'openDrawer is true or false');
      const { model } = saleReceipt(receiptNumberOf(fields.receiptNumber), options.language);
      const setting = printer.current();
      const target = await printerTarget(setting);
      try {
        // The drawer opens only when the screen asks (the sale's completion), never on a reprint by itself.
        await printReceipt(model, target, { openDrawer });
      } catch (error) {
        if (error instanceof PrinterUnreachable) throw new PosError('printer_unreachable', error.message);
        throw error;
      }
      return { printedOn: describe(setting) };
    },

    printerSettings: (): PrinterSetting => printer.current(),
    setPrinter: (input: unknown): PrinterSetting => printer.set(input),
  };
}

function invoiceRequest(invoice: IssuedVatInvoice): VatInvoiceRequest {
  return { number: invoice.number, buyer: invoice.buyer, issuedAt: invoice.issuedAt };
}

function pdfDocument(pdf: Buffer, name: string): ReceiptDocument {
  return { pdfBase64: pdf.toString('base64'), fileName: `${name.replace(/[^A-Za-z0-9-]/g, '_')}.pdf` };
}

/** A command's input as a screen may really send it (JSON over the browser host): any value at all. */
function fieldsOf(input: unknown): Record<string, unknown> {
  return input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
}

function receiptNumberOf(value: unknown): string {
  const receiptNumber = typeof value === 'string' ? value.trim() : '';
  if (receiptNumber.length < 1 || receiptNumber.length > 40)
    throw new PosError('invalid', 'enter the receipt number as printed, such as 7XKQ-000123');
  return receiptNumber;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T))
    throw new PosError('invalid', `${field} is one of ${allowed.join(', ')}`);
  return value as T;
}

function describe(setting: PrinterSetting): string {
  return setting.kind === 'tcp'
    ? `${setting.host}:${setting.port}`
    : setting.kind === 'device'
      ? setting.path
      : 'none';
}

export type ReceiptDesk = ReturnType<typeof receiptDesk>;
