import type { InkBitmap } from './slip-raster';

/**
 * ESC/POS bytes that print a bitmap on a thermal printer: initialise, optionally kick the cash drawer, the picture
 * as `GS v 0` raster bands, then feed and cut. Khmer cannot go as text (no code page, no shaping), so the whole
 * receipt goes as one picture.
 */
export interface EscposOptions {
  /** Pulse the drawer on pin 2 (a cash sale). */
  openDrawer?: boolean;
  cut?: boolean;
  /** Rows per GS v 0 command: small bands suit printers with small receive buffers. */
  bandRows?: number;
  /** Ink at or above this prints a dot. */
  threshold?: number;
}

export const ESC_INIT = [0x1b, 0x40];
/** ESC p 0 25 250: pin 2, 50 ms on, 500 ms off. */
export const DRAWER_KICK = [0x1b, 0x70, 0x00, 0x19, 0xfa];
/** GS V 66 0: feed to the cutter, then a partial cut. */
export const FEED_AND_CUT = [0x1d, 0x56, 0x42, 0x00];

export function escposReceipt(bitmap: InkBitmap, options: EscposOptions = {}): Buffer {
  const { openDrawer = false, cut = true, bandRows = 256, threshold = 128 } = options;
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const bits = packBits(bitmap, threshold);
  const parts: Buffer[] = [Buffer.from(ESC_INIT)];
  if (openDrawer) parts.push(Buffer.from(DRAWER_KICK));
  for (let top = 0; top < bitmap.height; top += bandRows) {
    const rows = Math.min(bandRows, bitmap.height - top);
    // GS v 0 m xL xH yL yH: m 0 = normal size; x in bytes of a row, y in rows.
    parts.push(
      Buffer.from([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8]),
      Buffer.from(bits.subarray(top * bytesPerRow, (top + rows) * bytesPerRow)),
    );
  }
  if (cut) parts.push(Buffer.from(FEED_AND_CUT));
  return Buffer.concat(parts);
}

/** One bit a dot, rows of whole bytes, the leftmost dot in the high bit; 1 prints. */
export function packBits(bitmap: InkBitmap, threshold = 128): Uint8Array {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const bits = new Uint8Array(bytesPerRow * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.ink[y * bitmap.width + x]! >= threshold)
        bits[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return bits;
}
