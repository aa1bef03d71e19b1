import { buttonClass, useMessages } from '@shop/ui';
import { UserRound } from 'lucide-react';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useMe } from '../api/session';
import { layoutText } from './messages';

/**
 * A signed-in customer's menu comes in its own file, with the dropdown's code (Radix's menu and its positioning):
 * the server renders every page signed out, and a visitor never needs it.
 */
const AccountDropdown = lazy(async () => ({ default: (await import('./account-dropdown')).AccountDropdown }));

const triggerClass = buttonClass('ghost', 'md', 'px-2 max-sm:w-10 max-sm:px-0 sm:px-3');

export function AccountMenu() {
  const t = useMessages(layoutText);
  const me = useMe();

  if (!me.data) {
    return (
      <Link to="/login" className={triggerClass} aria-label={t.signIn}>
        <UserRound className="size-5" aria-hidden="true" />
        <span className="hidden sm:inline">{t.signIn}</span>
      </Link>
    );
  }
  return (
    <Suspense
      fallback={
        <button type="button" className={triggerClass} aria-label={t.account} disabled>
          <UserRound className="size-5" aria-hidden="true" />
        </button>
      }
    >
      <AccountDropdown user={me.data} triggerClass={triggerClass} />
    </Suspense>
  );
}
