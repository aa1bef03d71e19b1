import { describe, expect, it } from 'vitest';
import { scanDetector } from './scanner';

/** Feeds keys `gap` ms apart, then Enter `enterGap` ms after the last; answers the verdict of the Enter. */
function typed(text: string, gap: number, enterGap = gap) {
  const detector = scanDetector({ gapMs: 30, pauseMs: 100, minLength: 4 });
  let at = 1_000;
  for (const key of text) {
    expect(detector.key(key, at, null)).toEqual({ kind: 'key' });
    at += gap;
  }
  return detector.key('Enter', at - gap + enterGap, null);
}

describe('telling a scanner from a person', () => {
  it('calls fast keys ending in Enter a scan', () => {
    expect(typed('8851234567890', 8)).toMatchObject({ kind: 'scan', code: '8851234567890' });
  });

  it('leaves a person typing a code and pressing Enter alone', () => {
    expect(typed('8851234567890', 90)).toEqual({ kind: 'key' });
  });

  it('keeps a scan whole when one key comes late, but not a person typing evenly at speed', () => {
    const detector = scanDetector({ gapMs: 30, pauseMs: 100, minLength: 4 });
    let at = 0;
    for (const [i, key] of [...'8851234567890'].entries()) detector.key(key, (at += i === 6 ? 80 : 6), null);
    expect(detector.key('Enter', at + 6, null)).toMatchObject({ kind: 'scan', code: '8851234567890' });
    expect(typed('1234', 45)).toEqual({ kind: 'key' });
  });

  it('needs the Enter to follow at once, and enough characters', () => {
    expect(typed('8851234567890', 8, 200)).toEqual({ kind: 'key' });
    expect(typed('885', 8)).toEqual({ kind: 'key' });
  });

  it('keeps only the fast run: what a person typed before the scanner fired is not part of the code', () => {
    const detector = scanDetector({ gapMs: 30, pauseMs: 100, minLength: 4 });
    detector.key('a', 0, null);
    detector.key('b', 150, null);
    let at = 400;
    for (const key of 'SN-00042') detector.key(key, (at += 5), null);
    expect(detector.key('Enter', at + 5, null)).toMatchObject({ kind: 'scan', code: 'SN-00042' });
  });

  it('lets shift through (capitals from a scanner) but a slow key or another key breaks the run', () => {
    const detector = scanDetector({ gapMs: 30, pauseMs: 100, minLength: 4 });
    let at = 0;
    for (const key of ['Shift', 'A', 'B', 'Shift', 'C', 'D']) detector.key(key, (at += 5), null);
    expect(detector.key('Enter', at + 5, null)).toMatchObject({ code: 'ABCD' });
    for (const key of ['1', '2', 'ArrowLeft', '3', '4']) detector.key(key, (at += 5), null);
    expect(detector.key('Enter', at + 5, null)).toEqual({ kind: 'key' });
  });
});
