import { lazy, Suspense } from 'react';
import { useMe } from '../api/session';

/**
 * The bell comes in its own file with the stream and the panel's code, loaded once someone is signed in: the server
 * renders every page signed out, and a visitor never needs it.
 */
const NotificationBell = lazy(async () => ({
  default: (await import('../notifications/bell')).NotificationBell,
}));

export function NotificationSlot() {
  const me = useMe();
  if (!me.data) return null;
  return (
    <Suspense fallback={null}>
      <NotificationBell />
    </Suspense>
  );
}
