/**
 * Telling a barcode scanner from a person. A scanner "types" the code as keys a few milliseconds apart and ends it
 * with Enter; a person, even a fast one, leaves 60 ms and more between most keys. The detector watches every key,
 * wherever the focus is. A run is the characters typed without a pause (`pauseMs`); closed by Enter without a pause,
 * it is a scan when it has at least `minLength` characters and most of its gaps (the median) are within `gapMs`: one
 * late key (a busy USB hub, a busy machine) does not split a scan in two, and a person never types that evenly fast.
 * It swallows nothing while the keys come: the characters land in whatever field has focus, and only on a scan does
 * the screen take them out again (see `restoreField`), so a person typing is never slowed or robbed of a key.
 */
export interface ScanDetectorOptions {
  gapMs: number;
  pauseMs: number;
  minLength: number;
}

export const scannerTiming: ScanDetectorOptions = { gapMs: 30, pauseMs: 100, minLength: 4 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
}

export interface BurstStart {
  /** The field that had focus when the run began, and its value then (to put back on a scan). */
  field: HTMLInputElement | HTMLTextAreaElement | null;
  valueBefore: string;
}

export type KeyVerdict = { kind: 'key' } | { kind: 'scan'; code: string; start: BurstStart };

export function scanDetector(options: ScanDetectorOptions = scannerTiming) {
  let chars = '';
  let gaps: number[] = [];
  let lastAt = -Infinity;
  let start: BurstStart = { field: null, valueBefore: '' };
  return {
    /** One keydown: `key` as KeyboardEvent.key, `at` its timeStamp (ms), `field` the focused text field if any. */
    key(key: string, at: number, field: BurstStart['field']): KeyVerdict {
      const gap = at - lastAt;
      if (key === 'Enter') {
        const scanned =
          gap <= options.pauseMs && chars.length >= options.minLength && median(gaps) <= options.gapMs
            ? chars
            : null;
        chars = '';
        lastAt = -Infinity;
        return scanned ? { kind: 'scan', code: scanned, start } : { kind: 'key' };
      }
      if (key.length !== 1) {
        // Shift and the like come with a scanner's capitals; anything else breaks the run.
        if (key !== 'Shift') chars = '';
        return { kind: 'key' };
      }
      if (gap > options.pauseMs || chars === '') {
        chars = '';
        gaps = [];
        start = { field, valueBefore: field?.value ?? '' };
      } else gaps.push(gap);
      chars += key;
      lastAt = at;
      return { kind: 'key' };
    },
  };
}

/** Puts a field back as it was before a scan's characters landed in it, telling React (a controlled input). */
export function restoreField({ field, valueBefore }: BurstStart): void {
  if (!field || field.value === valueBefore) return;
  const proto =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, valueBefore);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}
