import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { KHMER_FONT_FILE } from '@shop/server/invoice-typesetter';
import { barRuns, encodeCode128 } from './code128';
import type { ReceiptModel } from './model';
import { receiptSlip, slipSizes, type SlipAlign, type SlipBlock, type SlipStyle } from './slip';

/**
 * The 80 mm receipt as the printer's picture: 576 dots wide (72 mm at 203 dpi), one byte of ink per dot (0 none,
 * 255 black). Thermal printers have no Khmer characters and no shaping, so the whole slip goes as an image.
 * Text is set by sharp's Pango (HarfBuzz shapes Khmer: subscripts, pre-base vowels) in the bundled Khmer OS.
 */
export interface InkBitmap {
  width: number;
  height: number;
  /** Row after row, one byte per dot. */
  ink: Uint8Array;
}

export const PRINTER_DOTS = 576;
const DPI = 203;
const SIDE = 4;
const WIDTH = PRINTER_DOTS - 2 * SIDE;
const USD_WIDTH = 150;
const KHR_WIDTH = 172;
const FACT_WIDTH = Math.round(WIDTH * 0.55);
const GAP = 10;
const BAR_HEIGHT = 80;
const FONT_FILE = fileURLToPath(KHMER_FONT_FILE);

export async function renderSlipBitmap(model: ReceiptModel): Promise<InkBitmap> {
  return renderSlipBlocksBitmap(receiptSlip(model));
}

/** Any 80 mm slip (a receipt, a shift's Z report) as the printer's dots. */
export async function renderSlipBlocksBitmap(blocks: SlipBlock[]): Promise<InkBitmap> {
  const setter = new TextSetter();
  const pieces = await Promise.all(blocks.map((block) => drawBlock(block, setter)));
  const height = pieces.reduce((sum, p) => sum + p.height, 2 * SIDE);
  const ink = new Uint8Array(PRINTER_DOTS * height);
  let y = SIDE;
  for (const piece of pieces) {
    for (const { x, dy, image } of piece.images) blit(ink, image, SIDE + x, y + dy);
    y += piece.height;
  }
  return { width: PRINTER_DOTS, height, ink };
}

/** A grey picture (for looking at it): black dots on white. */
export function bitmapPng(bitmap: InkBitmap): Promise<Buffer> {
  const paper = Buffer.from(bitmap.ink.map((v) => 255 - v));
  return sharp(paper, { raw: { width: bitmap.width, height: bitmap.height, channels: 1 } })
    .png()
    .toBuffer();
}

interface Image {
  width: number;
  height: number;
  ink: Uint8Array;
}
interface Piece {
  height: number;
  images: { x: number; dy: number; image: Image }[];
}

async function drawBlock(block: SlipBlock, setter: TextSetter): Promise<Piece> {
  switch (block.kind) {
    case 'text': {
      const image = await setter.text(block.text, block.style, WIDTH, block.align);
      return { height: image.height, images: [{ x: alignX(image.width, WIDTH, block.align), dy: 0, image }] };
    }
    case 'row':
      return rowPiece(setter, block.label, block.values, block.style);
    case 'rule': {
      const height = block.heavy ? 3 : 2;
      const ink = new Uint8Array(WIDTH * height);
      // A light rule is dashed, 6 dots on, 4 off.
      for (let x = 0; x < WIDTH; x++)
        if (block.heavy || x % 10 < 6) for (let r = 0; r < height; r++) ink[r * WIDTH + x] = 255;
      return { height: height + 12, images: [{ x: 0, dy: 6, image: { width: WIDTH, height, ink } }] };
    }
    case 'barcode': {
      const { modules } = encodeCode128(block.value);
      // Two or three dots a module (0.25–0.375 mm): wide enough for any scanner, narrow enough for the roll.
      const moduleDots = Math.max(1, Math.min(3, Math.floor(WIDTH / modules.length)));
      const width = modules.length * moduleDots;
      const ink = new Uint8Array(width * BAR_HEIGHT);
      for (const [start, run] of barRuns(modules))
        for (let x = start * moduleDots; x < (start + run) * moduleDots; x++)
          for (let r = 0; r < BAR_HEIGHT; r++) ink[r * width + x] = 255;
      return {
        height: BAR_HEIGHT + 8,
        images: [{ x: alignX(width, WIDTH, 'center'), dy: 4, image: { width, height: BAR_HEIGHT, ink } }],
      };
    }
    case 'space':
      return { height: 14, images: [] };
  }
}

/** The label on the left (wrapping), each value right-aligned in its column on the label's first line. */
async function rowPiece(
  setter: TextSetter,
  label: string,
  values: (string | null)[],
  style: SlipStyle,
): Promise<Piece> {
  const widths = values.length === 1 ? [FACT_WIDTH] : [USD_WIDTH, KHR_WIDTH];
  const valuesWidth = widths.reduce((a, b) => a + b, 0);
  const images: Piece['images'] = [];
  const [labelImage, ...valueImages] = await Promise.all([
    label ? setter.text(label, style, WIDTH - valuesWidth - GAP, 'left') : null,
    ...values.map((v, i) => (v ? setter.text(v, style, widths[i]!, 'right') : null)),
  ]);
  if (labelImage) images.push({ x: 0, dy: 0, image: labelImage });
  let right = WIDTH - valuesWidth;
  valueImages.forEach((image, i) => {
    right += widths[i]!;
    if (image) images.push({ x: right - image.width, dy: 0, image });
  });
  return { height: Math.max(0, ...images.map((i) => i.image.height)) + 2, images };
}

/**
 * Text set by Pango at the printer's resolution, as ink. Pango's picture is cropped to the ink, so a label with a
 * Khmer vowel above and an amount in digits would come out with their tops, not their baselines, level. A tall
 * Khmer cluster set on a line of its own above the text fixes the top of the picture; that line is cut off
 * again, and every text of a style then starts the same distance above its first baseline.
 */
class TextSetter {
  /** The guard's own height per style, measured once per receipt. */
  private readonly guards = new Map<SlipStyle, Promise<number>>();

  async text(text: string, style: SlipStyle, width: number, align: SlipAlign): Promise<Image> {
    const [guard, image] = await Promise.all([
      this.guardHeight(style),
      pango(`${GUARD}\n${pangoEscape(text)}`, style, width, align),
    ]);
    const { width: w, height, ink } = image;
    return trimColumns({ width: w, height: height - guard, ink: ink.slice(guard * w) });
  }

  private guardHeight(style: SlipStyle): Promise<number> {
    let height = this.guards.get(style);
    if (!height) {
      height = pango(GUARD, style, WIDTH, 'left').then((image) => image.height);
      this.guards.set(style, height);
    }
    return height;
  }
}

/** Tall above the line (a vowel over a consonant with a sign): taller than any text's first line reaches. */
const GUARD = 'ស៊ី';

async function pango(markupText: string, style: SlipStyle, width: number, align: SlipAlign): Promise<Image> {
  const { size, bold } = slipSizes[style];
  const { data, info } = await sharp({
    text: {
      // Khmer OS's own line height is generous (about twice the size); 0.85 of it still clears a subscript
      // above a stacked vowel on the next line (looked at), and shortens the slip.
      text: `<span font_desc="Khmer OS ${size}" line_height="0.85"${bold ? ' weight="bold"' : ''}>${markupText}</span>`,
      fontfile: FONT_FILE,
      width,
      dpi: DPI,
      align: align === 'center' ? 'centre' : align,
      wrap: 'word-char',
    },
  })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, ink: new Uint8Array(data) };
}

/** Drops blank columns either side (the guard may be wider than a short amount). */
function trimColumns(image: Image): Image {
  const inked = (col: number) => {
    for (let r = 0; r < image.height; r++) if (image.ink[r * image.width + col]! >= 64) return true;
    return false;
  };
  let left = 0;
  while (left < image.width && !inked(left)) left++;
  let right = image.width;
  while (right > left && !inked(right - 1)) right--;
  const width = right - left;
  const ink = new Uint8Array(width * image.height);
  for (let r = 0; r < image.height; r++)
    ink.set(image.ink.subarray(r * image.width + left, r * image.width + right), r * width);
  return { width, height: image.height, ink };
}

function alignX(width: number, room: number, align: SlipAlign): number {
  if (align === 'left') return 0;
  return align === 'right' ? room - width : Math.floor((room - width) / 2);
}

/** Lays a picture onto the slip, clipped to the paper: nothing spills into the next row of dots. */
function blit(target: Uint8Array, image: Image, x: number, y: number): void {
  for (let r = 0; r < image.height; r++) {
    for (let c = Math.max(0, -x); c < Math.min(image.width, PRINTER_DOTS - x); c++) {
      const at = (y + r) * PRINTER_DOTS + x + c;
      target[at] = Math.max(target[at]!, image.ink[r * image.width + c]!);
    }
  }
}

function pangoEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
