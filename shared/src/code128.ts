/**
 * Code 128 (ISO/IEC 15417) for the receipt number under every receipt (scanning it finds the sale for a return) and
 * the number of a warranty claim on its slip.
 * Our own small encoder, because the receipt needs only bars (as SVG, PDF rectangles or printer dots), not a
 * drawing library. Set B carries printable ASCII; runs of digits go in set C (two digits a symbol), which keeps
 * a long receipt number narrow enough for an 80 mm roll.
 */

/** Bar and space widths of symbols 0–106 (106: stop), bar first, from the standard's table. */
const WIDTHS: readonly string[] = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
];

export const CODE_C = 99;
export const CODE_B = 100;
export const START_B = 104;
export const START_C = 105;
export const STOP = 106;
/** Blank modules each side, so a scanner finds where the symbol starts. */
export const QUIET_MODULES = 10;

export interface Code128 {
  /** Symbol values from the start symbol to the check symbol (the stop is implied). */
  values: number[];
  checksum: number;
  /** Bar (true) or space (false) per module, quiet zones included. */
  modules: boolean[];
}

export function encodeCode128(text: string): Code128 {
  if (text.length === 0 || !/^[\x20-\x7e]+$/.test(text))
    throw new RangeError(`Code 128 here carries printable ASCII, got ${JSON.stringify(text)}`);
  const values = symbolValues(text);
  const checksum = values.reduce((sum, value, i) => sum + value * Math.max(i, 1), 0) % 103;
  values.push(checksum);
  const modules: boolean[] = Array<boolean>(QUIET_MODULES).fill(false);
  for (const value of [...values, STOP]) {
    [...WIDTHS[value]!].forEach((width, i) => {
      for (let k = 0; k < Number(width); k++) modules.push(i % 2 === 0);
    });
  }
  modules.push(...Array<boolean>(QUIET_MODULES).fill(false));
  return { values, checksum, modules };
}

/** Start, data and code switches (set C for a run of 4+ digits at either end, 6+ inside: where it saves room). */
function symbolValues(text: string): number[] {
  const values: number[] = [];
  let set: 'B' | 'C' | null = null;
  const use = (next: 'B' | 'C') => {
    if (set === next) return;
    if (set === null) values.push(next === 'B' ? START_B : START_C);
    else values.push(next === 'B' ? CODE_B : CODE_C);
    set = next;
  };
  let i = 0;
  while (i < text.length) {
    const run = digitRun(text, i);
    const atEdge = i === 0 || i + run === text.length;
    if (run >= (atEdge ? 4 : 6)) {
      // An odd run leaves its first digit in set B and packs the rest in pairs.
      if (run % 2 === 1) {
        use('B');
        values.push(text.charCodeAt(i) - 32);
        i += 1;
      }
      use('C');
      for (const end = i + run - (run % 2); i < end; i += 2) values.push(Number(text.slice(i, i + 2)));
      continue;
    }
    use('B');
    values.push(text.charCodeAt(i) - 32);
    i += 1;
  }
  return values;
}

function digitRun(text: string, from: number): number {
  let end = from;
  while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
  return end - from;
}

/** Runs of bars as [start, width] in modules: what every renderer draws. */
export function barRuns(modules: readonly boolean[]): [start: number, width: number][] {
  const runs: [number, number][] = [];
  modules.forEach((bar, i) => {
    if (!bar) return;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === i) last[1] += 1;
    else runs.push([i, 1]);
  });
  return runs;
}

/** The barcode as an SVG of black bars, `moduleWidth` units per module. */
export function code128Svg(text: string, { moduleWidth = 2, height = 48 } = {}): string {
  const { modules } = encodeCode128(text);
  const width = modules.length * moduleWidth;
  const bars = barRuns(modules)
    .map(([start, w]) => `M${start * moduleWidth} 0h${w * moduleWidth}v${height}h${-w * moduleWidth}z`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges"><path fill="#000" d="${bars}"/></svg>`;
}
