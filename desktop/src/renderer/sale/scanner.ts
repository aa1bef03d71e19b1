/**
 * Telling a barcode scanner from a person. A scanner "types" the code as keys a few milliseconds apart and ends it
 * with Enter; a person, even a fast one, leaves 60 ms and more between most keys. The detector watches every key,
 * wherever the focus is, and calls a run of at least `minLength` characters, each within `gapMs` of the one before and
 * closed by Enter within `gapMs`, a scan. It swallows nothing while the keys come: the characters land in whatever
 * field has focus, and only on a scan does the screen take them out again (see `restoreField`), so a person typing is
 * never slowed or robbed of a key.
 */
export interface ScanDetectorOptions {
  gapMs: number;
  minLength: number;
}

export const scannerTiming: ScanDetectorOptions = { gapMs: 30, minLength: 4 };

export interface BurstStart {
  /** The field that had focus when the run began, and its value then (to put back on a scan). */
  field: HTMLInputElement | HTMLTextAreaElement | null;
  valueBefore: string;
}

export type KeyVerdict = { kind: 'key' } | { kind: 'scan'; code: string; start: BurstStart };

export function scanDetector(options: ScanDetectorOptions = scannerTiming) {
  let chars = '';
  let lastAt = -Infinity;
  let start: BurstStart = { field: null, valueBefore: '' };
  return {
    /** One keydown: `key` as KeyboardEvent.key, `at` its timeStamp (ms), `field` the focused text field if any. */
    key(key: string, at: number, field: BurstStart['field']): KeyVerdict {
      const quick = at - lastAt <= options.gapMs;
      if (key === 'Enter') {
        const scanned = quick && chars.length >= options.minLength ? chars : null;
        chars = '';
        lastAt = -Infinity;
        return scanned ? { kind: 'scan', code: scanned, start } : { kind: 'key' };
      }
      if (key.length !== 1) {
        // Shift and the like come with a scanner's capitals; anything else breaks the run.
        if (key !== 'Shift') chars = '';
        return { kind: 'key' };
      }
      if (!quick || chars === '') {
        chars = '';
        start = { field, valueBefore: field?.value ?? '' };
      }
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
