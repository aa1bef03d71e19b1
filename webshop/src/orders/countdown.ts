import { useEffect, useState } from 'react';

/** Milliseconds left until `deadline`, ticking every second; 0 once it has passed (and then it stops ticking). */
export function useTimeLeft(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  const ended = now >= deadline;
  useEffect(() => {
    if (ended) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [ended]);
  return Math.max(0, deadline - now);
}

/** 14:05, as a payment countdown reads. */
export function formatMinutesSeconds(ms: number): string {
  const seconds = Math.ceil(ms / 1_000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}
