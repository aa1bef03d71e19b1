import { escapeHtml, type Locale } from '@shop/shared';
import { encodeCode128, barRuns } from './code128';
import type { Label } from './labels';

/** Every value placed in the page goes through it. */
export const esc = escapeHtml;

/** Khmer OS first (the app's own copy, or the machine's), then what Windows (Khmer UI) or Linux has. */
export const KHMER_FONTS = `'Khmer OS', 'Khmer UI', 'Noto Sans Khmer', sans-serif`;

export interface HtmlOptions {
  /**
   * Where the page can load Khmer OS (the app's bundled copy, e.g. a file: URL). Without it the page relies on the
   * machine's Khmer fonts, and a machine with none prints empty boxes.
   */
  khmerFontUrl?: string;
}

/** The @font-face for the bundled Khmer OS, when the caller says where it is. */
export function khmerFontFace({ khmerFontUrl }: HtmlOptions): string {
  if (khmerFontUrl === undefined) return '';
  // Goes inside a CSS string inside <style>: only characters of an encoded URL, nothing that could close either.
  if (!/^[A-Za-z0-9:/._~%+-]+$/.test(khmerFontUrl))
    throw new RangeError(`khmerFontUrl must be an encoded URL, got ${JSON.stringify(khmerFontUrl)}`);
  return `@font-face { font-family: 'Khmer OS'; src: url("${khmerFontUrl}") format('truetype'); }`;
}

/** A label, its Khmer marked as such so the browser picks a Khmer font and shapes it. */
export function bilingual([en, km]: Label, language: Locale): string {
  const khmer = `<span class="km" lang="km">${esc(km)}</span>`;
  return language === 'km' ? `${khmer} / ${esc(en)}` : `${esc(en)} / ${khmer}`;
}

/** The receipt number's Code 128 as inline SVG bars (scales crisply on any printer). */
export function barcodeSvg(value: string, heightMm: number): string {
  const { modules } = encodeCode128(value);
  const bars = barRuns(modules)
    .map(([start, width]) => `M${start} 0h${width}v1h${-width}z`)
    .join('');
  // One unit a module; the width follows from the height so a module stays about 0.33 mm.
  return `<svg class="barcode" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${modules.length} 1" preserveAspectRatio="none" style="width:${(modules.length * 0.33).toFixed(1)}mm;height:${heightMm}mm" shape-rendering="crispEdges" role="img" aria-label="${esc(value)}"><path fill="#000" d="${bars}"/></svg>`;
}
