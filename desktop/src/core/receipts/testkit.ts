import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { spawnSync } from 'node:child_process';

/**
 * Test support, not shipped to the counter: a barcode scanner written by others (ZXing) and poppler's pdftotext,
 * so the tests check what a scanner and a PDF reader actually get.
 */

/** Reads the Code 128 in a grey picture (0 black, 255 white), trying every row as a hand scanner would. */
export function scan(luminance: Uint8ClampedArray, width: number, height: number): string {
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
  return reader.decode(bitmap, hints).getText();
}

/** The text of a PDF as poppler extracts it (Khmer pre-base vowels come out in visual order). */
export function pdfToText(pdf: Buffer): string {
  const run = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
  return run.stdout.toString('utf8');
}

/** A PDF's first page as poppler draws it, in grey (0 black, 255 white), at `dpi` dots per inch. */
export function pdfPageGrey(
  pdf: Buffer,
  dpi: number,
): { luminance: Uint8ClampedArray; width: number; height: number } {
  const run = spawnSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-'], {
    input: pdf,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr.toString()}`);
  // A binary PGM: "P5", width, height, maximum value, one whitespace, then a byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(run.stdout.toString('latin1', 0, 64));
  if (!header) throw new Error('pdftoppm did not answer a PGM picture');
  const [, width, height] = header.map(Number) as [number, number, number, number];
  const pixels = run.stdout.subarray(header[0].length, header[0].length + width * height);
  return { luminance: new Uint8ClampedArray(pixels), width, height };
}
