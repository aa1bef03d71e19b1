import { cn, LoadingBlock, useMessages } from '@shop/ui';
import {
  Bell,
  Heart,
  KeyRound,
  LogOut,
  MapPin,
  MessageCircle,
  Package,
  UserRound,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import { Suspense, useEffect, useRef } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../../api/session';
import { accountText } from '../../account/messages';
import { common } from '../../i18n/common';
import { QueryError } from '../../ui/query-error';
import { warrantyText } from '../../warranty/messages';
import { wishlistText } from '../../wishlist/messages';
import { notificationText } from '../../notifications/messages';

interface Section {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Only the exact address (the profile is /account itself). */
  end?: boolean;
}

/**
 * The account area: only for a signed-in customer (a visitor is sent to sign in and comes back here). A side
 * navigation on wide screens; on phones the same links as a row of tabs that scrolls sideways.
 */
export function AccountLayout() {
  const t = useMessages(accountText);
  const c = useMessages(common);
  const w = useMessages(wishlistText);
  const n = useMessages(notificationText);
  const r = useMessages(warrantyText);
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const nav = useRef<HTMLElement>(null);

  // On phones the tabs scroll sideways: keep the current one in sight (Security and Support start off-screen).
  useEffect(() => {
    nav.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [location.pathname, me.data]);

  if (me.isPending) return <LoadingBlock label={c.loading} />;
  if (me.isError) return <QueryError retry={me.refetch} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const sections: Section[] = [
    { to: '/account', label: t.profile, icon: UserRound, end: true },
    { to: '/account/orders', label: t.orders, icon: Package },
    { to: '/account/wishlist', label: w.wishlist, icon: Heart },
    { to: '/account/addresses', label: t.addresses, icon: MapPin },
    { to: '/account/security', label: t.security, icon: KeyRound },
    { to: '/account/claims', label: r.claims, icon: Wrench },
    { to: '/account/support', label: t.support, icon: MessageCircle },
    { to: '/account/notifications', label: n.title, icon: Bell },
  ];

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10">
      <aside className="lg:sticky lg:top-6 lg:self-start">
        <div className="mb-4 hidden min-w-0 lg:block">
          <p className="truncate font-semibold">{me.data.name}</p>
          <p className="truncate text-sm text-muted">{me.data.email}</p>
        </div>
        <nav ref={nav} aria-label={t.navLabel} className="-mx-3 sm:-mx-6 lg:mx-0">
          <ul className="flex snap-x gap-1 overflow-x-auto border-b border-line px-3 [scrollbar-width:none] sm:px-6 lg:flex-col lg:overflow-visible lg:border-0 lg:px-0">
            {sections.map(({ to, label, icon: Icon, end }) => (
              <li key={to} className="shrink-0 snap-start">
                <NavLink
                  to={to}
                  end={end}
                  className={({ isActive }) =>
                    cn(
                      'flex items-center gap-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
                      // Phones: tabs underlined; wide screens: a list with the current one filled.
                      '-mb-px border-b-2 lg:mb-0 lg:rounded-lg lg:border-b-0',
                      isActive
                        ? 'border-brand-600 text-brand-700 lg:bg-brand-50'
                        : 'border-transparent text-muted hover:text-ink lg:hover:bg-slate-100',
                    )
                  }
                >
                  <Icon className="size-4 shrink-0" aria-hidden="true" />
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          onClick={() => signOut.mutate(undefined, { onSuccess: () => void navigate('/') })}
          disabled={signOut.isPending}
          className="mt-4 hidden w-full items-center gap-2 rounded-lg px-3 py-2.5 text-sm font-medium text-muted hover:bg-slate-100 hover:text-ink lg:flex"
        >
          <LogOut className="size-4" aria-hidden="true" />
          {t.signOut}
        </button>
      </aside>
      <div className="min-w-0">
        <Suspense fallback={<LoadingBlock label={c.loading} />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
