/**
 * Receipts at the counter: the sale handed over as a ReceiptModel, out as printable HTML (80 mm, A4), PDF
 * (80 mm, A4) with Khmer shaped, a VAT invoice on request, and ESC/POS bytes for a thermal printer.
 */
import { escposReceipt, type EscposOptions } from './escpos';
import type { ReceiptModel } from './model';
import { sendToPrinter, type PrinterTarget } from './printer';
import { renderSlipBitmap } from './slip-raster';

export { khmerFontOnce, type KhmerFont } from '@shop/server/invoice-typesetter';
export type { ReceiptLine, ReceiptModel, ReceiptPayment, VatInvoiceRequest } from './model';
export { NotVatRegistered } from './model';
export { figureReceipt, khrRounding, type ReceiptFigures } from './figures';
export { renderSlipHtml } from './slip-html';
export type { HtmlOptions } from './html';
export { renderSlipPdf } from './slip-pdf';
export { renderA4ReceiptHtml, renderVatInvoiceHtml } from './sheet-html';
export { renderA4ReceiptPdf, renderVatInvoicePdf } from './sheet-pdf';
export { bitmapPng, renderSlipBitmap, type InkBitmap } from './slip-raster';
export { escposReceipt, type EscposOptions } from './escpos';
export { sendToPrinter, PrinterUnreachable, type PrinterTarget } from './printer';
export { formatVatInvoiceNumber, seriesFromDeviceId } from './invoice-number';
export { encodeCode128 } from './code128';

/** Prints the 80 mm receipt on a thermal printer as one picture, opening the drawer for a cash sale. */
export async function printReceipt(
  model: ReceiptModel,
  target: PrinterTarget,
  options: EscposOptions = {},
): Promise<void> {
  const openDrawer = options.openDrawer ?? model.payments.some((p) => p.method === 'cash');
  const bytes = escposReceipt(await renderSlipBitmap(model), { ...options, openDrawer });
  await sendToPrinter(bytes, target);
}
