import { useEffect, useRef, useState } from 'react';

const STORAGE_KEY = 'counter.lockMinutes';
export const lockMinuteChoices = [1, 2, 5, 10, 15, 30] as const;
const DEFAULT_MINUTES = 5;

/** How long the counter may sit unused before it locks: this counter's choice, 5 minutes unless set. */
export function useLockMinutes(): [number, (minutes: number) => void] {
  const [minutes, setMinutes] = useState(() => {
    const saved = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(saved) && saved > 0 ? saved : DEFAULT_MINUTES;
  });
  const choose = (next: number) => {
    localStorage.setItem(STORAGE_KEY, String(next));
    setMinutes(next);
  };
  return [minutes, choose];
}

/** Calls `onIdle` once no key, tap or click has come for `minutes` (while `active`). */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => latest.current(), minutes * 60_000);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, touched, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, touched, { capture: true });
    };
  }, [minutes, active]);
}
