import fs from 'node:fs/promises';
import { serverRootUrl } from '../../server-root';

/**
 * Mixed Khmer and Latin text for pdfkit. Khmer runs are set in Khmer OS (bundled in server/assets/fonts, LGPL:
 * fontkit shapes its coeng subscripts and pre-base vowels correctly, see docs/khmer-in-pdfs.md), everything
 * else in Helvetica. pdfkit wraps text with one font per call, so lines are set here: words found by
 * Intl.Segmenter (Khmer writes no spaces between words), each word split into runs by script, runs drawn on a
 * shared baseline.
 */

const KHMER = 'KhmerOS';
type FontName = 'Helvetica' | 'Helvetica-Bold' | typeof KHMER;
const TEXT_COLOR = '#222222';

/** Also read by the counter's receipt printer, which rasterises Khmer with it (desktop/src/core/receipts). */
export const KHMER_FONT_FILE = new URL('assets/fonts/KhmerOS.ttf', serverRootUrl);

/** Khmer OS's bytes, read from disk the first time they are wanted (and again after a failed read). */
export type KhmerFont = () => Promise<Buffer>;

/** One per invoice renderer (made where the routes are built), so the 300 KB file is read once, not per invoice. */
export function khmerFontOnce(): KhmerFont {
  let bytes: Promise<Buffer> | undefined;
  return () => {
    bytes ??= fs.readFile(KHMER_FONT_FILE).catch((error: unknown) => {
      bytes = undefined;
      throw error;
    });
    return bytes;
  };
}

/** Makes Khmer OS available to a document. */
export async function registerKhmerFont(doc: PDFKit.PDFDocument, font: KhmerFont): Promise<void> {
  doc.registerFont(KHMER, await font());
}

export interface Style {
  size: number;
  bold?: boolean;
  color?: string;
}
export type Align = 'left' | 'right' | 'center';

interface Run {
  text: string;
  font: FontName;
  width: number;
}
export interface Line {
  runs: Run[];
  width: number;
}

/** Khmer and Khmer Symbols blocks. */
const KHMER_CHAR = /[\u1780-\u17FF\u19E0-\u19FF]/;
/** Zero-width joiners steer Khmer shaping: they belong to the Khmer run around them. */
const JOINER = /[\u200B-\u200D]/;
/** The characters Helvetica's WinAnsi encoding has beyond Latin-1; anything else goes to Khmer OS, which has more. */
const WIN_ANSI_EXTRA: ReadonlySet<string> = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const words = new Intl.Segmenter('km', { granularity: 'word' });
const graphemes = new Intl.Segmenter('km', { granularity: 'grapheme' });

/** Sets mixed Khmer/Latin text in lines of a given width and draws them. */
export class Typesetter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Khmer stacks vowels above and subscripts below: lines need more room than Latin alone would. */
  lineHeight(style: Style): number {
    return style.size * 1.55;
  }

  wrap(text: string, style: Style, maxWidth: number): Line[] {
    const lines: Line[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let current: Run[] = [];
      let width = 0;
      for (const piece of this.pieces(paragraph, style, maxWidth)) {
        const blank = piece.text.trim() === '';
        if (width + piece.width > maxWidth && current.length > 0) {
          lines.push(this.finish(current, style));
          current = [];
          width = 0;
        }
        if (blank && current.length === 0) continue;
        current.push(...piece.runs);
        width += piece.width;
      }
      lines.push(this.finish(current, style));
    }
    return lines;
  }

  /** Draws lines from `top` (first baseline `ascent` below it); returns the height used. */
  draw(
    lines: Line[],
    x: number,
    top: number,
    width: number,
    style: Style,
    align: Align = 'left',
    ascent = style.size * 1.1,
  ): number {
    const lineHeight = this.lineHeight(style);
    lines.forEach((line, i) => {
      const baseline = top + i * lineHeight + ascent;
      let cx =
        align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x;
      for (const run of line.runs) {
        this.doc
          .font(run.font)
          .fontSize(style.size)
          .fillColor(style.color ?? TEXT_COLOR)
          .text(run.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
        cx += run.width;
      }
    });
    return lines.length * lineHeight;
  }

  /** Wraps and draws in one go; returns the height used. */
  block(text: string, x: number, top: number, width: number, style: Style, align: Align = 'left'): number {
    return this.draw(this.wrap(text, style, width), x, top, width, style, align);
  }

  height(text: string, style: Style, width: number): number {
    return this.wrap(text, style, width).length * this.lineHeight(style);
  }

  /** Words, and words too long for a line cut between characters (never inside a Khmer cluster). */
  private *pieces(text: string, style: Style, maxWidth: number) {
    for (const { segment } of words.segment(text)) {
      const piece = this.measure(segment, style);
      if (piece.width <= maxWidth) {
        yield piece;
        continue;
      }
      for (const { segment: cluster } of graphemes.segment(segment)) yield this.measure(cluster, style);
    }
  }

  private measure(text: string, style: Style): { text: string; runs: Run[]; width: number } {
    const runs = splitByFont(text, style.bold ?? false).map((run) => ({
      ...run,
      width: this.widthOf(run.text, run.font, style.size),
    }));
    return { text, runs, width: runs.reduce((sum, r) => sum + r.width, 0) };
  }

  /** Joins neighbouring runs of one font (fewer, whole text objects) and drops trailing spaces. */
  private finish(runs: Run[], style: Style): Line {
    const merged: { text: string; font: FontName }[] = [];
    for (const run of runs) {
      const last = merged.at(-1);
      // A space between two Khmer words stays in Khmer OS rather than becoming a Helvetica run of its own.
      if (last && (last.font === run.font || run.text.trim() === '')) last.text += run.text;
      else merged.push({ text: run.text, font: run.font });
    }
    const lastRun = merged.at(-1);
    if (lastRun) lastRun.text = lastRun.text.trimEnd();
    const measured = merged
      .filter((r) => r.text !== '')
      .map((r) => ({ ...r, width: this.widthOf(r.text, r.font, style.size) }));
    return { runs: measured, width: measured.reduce((sum, r) => sum + r.width, 0) };
  }

  private widthOf(text: string, font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }
}

/** Runs of one font each: Khmer script in Khmer OS, the rest in Helvetica; spaces stay with the run they follow. */
function splitByFont(text: string, bold: boolean): { text: string; font: FontName }[] {
  const runs: { text: string; font: FontName }[] = [];
  const latin: FontName = bold ? 'Helvetica-Bold' : 'Helvetica';
  for (const ch of text) {
    const last = runs.at(-1);
    const neutral = ch === ' ' || JOINER.test(ch);
    const font = neutral ? (last?.font ?? latin) : isLatin(ch) ? latin : KHMER;
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}

function isLatin(ch: string): boolean {
  if (KHMER_CHAR.test(ch)) return false;
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}
