import PDFDocument from 'pdfkit';
import { registerKhmerFont, type KhmerFont } from '@shop/server/invoice-typesetter';

/** A pdfkit document with Khmer OS registered, and the promise of its bytes once `doc.end()` is called. */
export async function openPdf(
  options: PDFKit.PDFDocumentOptions,
  khmerFont: KhmerFont,
): Promise<{ doc: PDFKit.PDFDocument; bytes: Promise<Buffer> }> {
  const doc = new PDFDocument(options);
  await registerKhmerFont(doc, khmerFont);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

/** Draws Code 128 modules as filled rectangles. */
export function drawBars(
  doc: PDFKit.PDFDocument,
  runs: [number, number][],
  x: number,
  y: number,
  moduleWidth: number,
  height: number,
): void {
  for (const [start, width] of runs) doc.rect(x + start * moduleWidth, y, width * moduleWidth, height);
  doc.fillColor('#000000').fill();
}
