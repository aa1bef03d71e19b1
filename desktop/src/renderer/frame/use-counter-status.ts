import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../core/sync/status';
import { onCoreEvent, run } from '../bridge';

/** How often the frame asks anyway, in case an event was missed (a host restarted, a sleeping laptop). */
const ASK_EVERY_MS = 5_000;

/** The counter's link to the server, kept fresh by the core's `status` events and a slow poll. */
export function useCounterStatus() {
  const [status, setStatusNow] = useState<SyncStatus | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  // The poll mostly answers what the screen shows already: keeping the same object then spares the whole counter a
  // render every few seconds (a render that lands on a scan delays its line; pos-scan in tests/bench).
  const setStatus = useCallback(
    (next: SyncStatus) =>
      setStatusNow((shown) => (shown && JSON.stringify(shown) === JSON.stringify(next) ? shown : next)),
    [],
  );

  const refresh = useCallback(async () => {
    try {
      setStatus(await run<SyncStatus>('status'));
      setUnreachable(false);
    } catch {
      setUnreachable(true);
    }
  }, [setStatus]);

  useEffect(() => {
    void refresh();
    const stop = onCoreEvent((name, data) => {
      if (name === 'status' && data) setStatus(data as SyncStatus);
    });
    const timer = setInterval(() => void refresh(), ASK_EVERY_MS);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [refresh, setStatus]);

  return { status, unreachable, refresh };
}
