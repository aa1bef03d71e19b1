/**
 * The wait before the next try after `failures` failures in a row: doubling from `baseMs` up to `maxMs`, each wait
 * drawn between half and all of it (jitter), so the shop's counters coming back online do not all knock at once.
 */
export function backoffDelay(
  failures: number,
  baseMs = 1_000,
  maxMs = 5 * 60_000,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
