import { useEffect, useRef } from 'react';
import { restoreField, scanDetector } from './scanner';

/**
 * Hands every scan to `onScan`, wherever the focus is (the customer search, a discount field): the scanned
 * characters are taken back out of that field and its Enter never reaches it.
 */
export function useScanner(onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(() => {
    const detector = scanDetector();
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const field =
        target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target : null;
      const verdict = detector.key(event.key, event.timeStamp, field);
      if (verdict.kind !== 'scan') return;
      event.preventDefault();
      event.stopPropagation();
      restoreField(verdict.start);
      latest.current(verdict.code);
    };
    // Capture on the window: before React's handlers and before a form's Enter submits it.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
