import { useEffect, useRef } from 'react';

/**
 * A function key (F2, F4, …) that does what its button does, wherever the focus is. The browser's own use of the
 * key (F5 reload, F12 developer tools in some shells) is prevented while the shortcut is on.
 */
export function useShortcut(key: string | undefined, action: () => void, enabled = true): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!key || !enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== key || event.repeat) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, enabled]);
}
