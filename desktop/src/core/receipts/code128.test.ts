import { scan } from './testkit';
import { describe, expect, it } from 'vitest';
import { CODE_B, CODE_C, encodeCode128, QUIET_MODULES, START_B, START_C, STOP } from './code128';

/** Bar and space widths of the modules between the quiet zones. */
function widths(modules: boolean[]): number[] {
  const inner = modules.slice(QUIET_MODULES, modules.length - QUIET_MODULES);
  const out: number[] = [];
  inner.forEach((bar, i) => {
    if (i > 0 && bar === inner[i - 1]) out[out.length - 1]! += 1;
    else out.push(1);
  });
  return out;
}

function picture(modules: boolean[], moduleDots = 2, height = 40): [Uint8ClampedArray, number, number] {
  const width = modules.length * moduleDots;
  const pixels = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels[y * width + x] = modules[Math.floor(x / moduleDots)] ? 0 : 255;
  return [pixels, width, height];
}

describe('Code 128 of the receipt number', () => {
  it('checks "PJJ123C" in set B: start B plus each value times its position, modulo 103', () => {
    const { values, checksum } = encodeCode128('PJJ123C');
    // Values in set B are the character code less 32: P 48, J 42, 1 17, 2 18, 3 19, C 35.
    expect(values.slice(0, -1)).toEqual([START_B, 48, 42, 42, 17, 18, 19, 35]);
    // 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879; 879 mod 103 = 55.
    expect(checksum).toBe(55);
    expect(values.at(-1)).toBe(55);
  });

  it('draws the standard patterns: start B 211214, stop 2331112, quiet zones of 10 modules', () => {
    const { modules, values } = encodeCode128('A');
    const w = widths(modules);
    expect(w.slice(0, 6)).toEqual([2, 1, 1, 2, 1, 4]);
    expect(w.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2]);
    // A is value 33: 111323 (bar 1, space 1, bar 1, space 3, bar 2, space 3).
    expect(w.slice(6, 12)).toEqual([1, 1, 1, 3, 2, 3]);
    expect(modules.slice(0, QUIET_MODULES).every((m) => !m)).toBe(true);
    expect(modules.length).toBe(2 * QUIET_MODULES + 11 * values.length + 13);
    expect(STOP).toBe(106);
  });

  it('packs digit runs in set C, two digits a symbol, with the switches where they belong', () => {
    expect(encodeCode128('000123').values.slice(0, -1)).toEqual([START_C, 0, 1, 23]);
    // C1- in set B, then 000123 in set C.
    expect(encodeCode128('C1-000123').values.slice(0, -1)).toEqual([START_B, 35, 17, 13, CODE_C, 0, 1, 23]);
    // An odd run keeps its first digit in set B; a short run inside stays in B.
    expect(encodeCode128('R12345').values.slice(0, -1)).toEqual([START_B, 50, 17, CODE_C, 23, 45]);
    expect(encodeCode128('1234A').values.slice(0, -1)).toEqual([START_C, 12, 34, CODE_B, 33]);
    expect(encodeCode128('A12B').values.slice(0, -1)).toEqual([START_B, 33, 17, 18, 34]);
  });

  it('is read back by a scanner (ZXing) as the same text, whichever sets it uses', () => {
    for (const text of ['C1-000123', 'PJJ123C', '000123', 'R12345', 'INV-QZ7K3-000045', 'a b/c']) {
      expect(scan(...picture(encodeCode128(text).modules))).toBe(text);
    }
  });

  it('refuses what a receipt number cannot be', () => {
    expect(() => encodeCode128('')).toThrow(RangeError);
    expect(() => encodeCode128('លេខ1')).toThrow(/printable ASCII/);
  });
});
