import type { ReceiptDocument } from '../../core/receipts/desk';

/** Saves a PDF the core made as a download (the browser's own "save as", or Electron's). */
export function downloadPdf(document: ReceiptDocument): void {
  if (!('pdfBase64' in document)) return;
  const bytes = Uint8Array.from(atob(document.pdfBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = document.fileName;
  link.click();
  // Revoked later, not at once: the download starts after this click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The HTML of a document the core answered, or '' for a PDF. */
export const htmlOf = (document: ReceiptDocument | null): string =>
  document && 'html' in document ? document.html : '';
