import { formatShopDate, formatShopDateTime, shopClock, type Locale } from '@shop/shared';
import { Button, cn, useLocale, useMessages } from '@shop/ui';
import type { ReactNode } from 'react';
import type { Shift } from '../../core/pos/shifts';
import type { StaffMember } from '../../core/staff/sign-in';
import type { SyncStatus } from '../../core/sync/status';
import { NotificationBell } from './notification-bell';
import { frameTexts } from './texts';

/** Short labels keep the bar on one line at 1024 px; each names its language in that language. */
const languages: { locale: Locale; label: string; name: string }[] = [
  { locale: 'en', label: 'EN', name: 'English' },
  { locale: 'km', label: 'ខ្មែរ', name: 'ខ្មែរ' },
];

/**
 * Always on screen, on one row from a 1024×768 touch screen up, in English and in Khmer: is the counter online, when
 * did it last sync, how many sales wait to go and how many the server parked, who is selling and in which shift; the
 * language switch and the cashier's lock, switch and sign-out (icons with their names from 1536 px, icons alone
 * below, where the names would push the bar onto a second row; the names stay their accessible names and titles).
 */
export function StatusBar({
  status,
  cashier,
  shift,
  onLock,
  onSwitch,
  onSignOut,
}: {
  status: SyncStatus;
  cashier: StaffMember | null;
  shift: Shift | null;
  onLock?: () => void;
  onSwitch?: () => void;
  onSignOut?: () => void;
}) {
  const t = useMessages(frameTexts);
  const { locale } = useLocale();
  const parked = status.failed.length;
  return (
    <header
      data-testid="status-bar"
      className="flex flex-nowrap items-center gap-x-3 border-b border-line bg-white px-4 py-1.5 whitespace-nowrap xl:gap-x-5"
    >
      {/* The counter's name gives way below 1280 px once someone sells (the bar's figures matter more then). */}
      <p
        className={cn('max-w-60 truncate text-lg font-bold', cashier && 'hidden xl:block')}
        title={status.deviceName ?? undefined}
      >
        {status.deviceName}
      </p>
      <Connection online={status.online} t={t} />
      <div className="flex min-w-0 items-center gap-x-3 xl:gap-x-5">
        <Figure label={t.lastSync} testId="last-sync">
          {lastSyncText(status.lastSyncAt, t)}
        </Figure>
        <Figure label={t.waiting} testId="pending" tone={status.pending > 0 ? 'warning' : undefined}>
          {status.pending}
        </Figure>
        <Figure label={t.parked} testId="parked" tone={parked > 0 ? 'danger' : undefined}>
          {parked}
        </Figure>
        <Figure
          label={t.shift}
          testId="shift"
          title={shift ? formatShopDateTime(shift.openedAt, locale) : undefined}
        >
          {shift ? t.shiftSince(shiftTime(shift.openedAt, locale)) : t.noShift}
        </Figure>
      </div>
      <div className="ml-auto flex items-center gap-2">
        {cashier && (
          <Figure label={t.cashier} testId="cashier" className="max-w-32 xl:max-w-48">
            {cashier.name}
          </Figure>
        )}
        {cashier && <NotificationBell />}
        <LanguageSwitch />
        {onLock && <BarButton label={t.lock} icon={lockIcon} onClick={onLock} />}
        {onSwitch && <BarButton label={t.switchCashier} icon={switchIcon} onClick={onSwitch} />}
        {onSignOut && <BarButton label={t.signOut} icon={signOutIcon} onClick={onSignOut} variant="ghost" />}
      </div>
    </header>
  );
}

/** Online or offline at a glance: a solid pill with a dot, green or red, never just a pale tint. */
function Connection({ online, t }: { online: boolean; t: (typeof frameTexts)['en'] }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-bold text-white',
        online ? 'bg-emerald-600' : 'bg-red-600',
      )}
    >
      <span aria-hidden="true" className={cn('size-2 rounded-full bg-white', !online && 'animate-pulse')} />
      <span role="status" data-testid="connection">
        {online ? t.online : t.offline}
      </span>
    </span>
  );
}

function BarButton({
  label,
  icon,
  onClick,
  variant = 'secondary',
}: {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  variant?: 'secondary' | 'ghost';
}) {
  return (
    <Button
      variant={variant}
      onClick={onClick}
      aria-label={label}
      title={label}
      className="h-11 min-w-11 gap-2 px-2.5 2xl:px-3"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-5 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {icon}
      </svg>
      <span className="hidden 2xl:inline">{label}</span>
    </Button>
  );
}

// Lucide's lock, users and log-out (ISC licence), drawn inline: three icons do not need the package here.
const lockIcon = (
  <>
    <rect width="18" height="11" x="3" y="11" rx="2" ry="2" />
    <path d="M7 11V7a5 5 0 0 1 10 0v4" />
  </>
);
const switchIcon = (
  <>
    <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="M22 21v-2a4 4 0 0 0-3-3.87" />
    <path d="M16 3.13a4 4 0 0 1 0 7.75" />
  </>
);
const signOutIcon = (
  <>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
    <path d="m16 17 5-5-5-5" />
    <path d="M21 12H9" />
  </>
);

function Figure({
  label,
  testId,
  tone,
  title,
  className,
  children,
}: {
  label: string;
  testId: string;
  tone?: 'warning' | 'danger';
  title?: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn('min-w-0 leading-tight', className)} title={title}>
      <p className="truncate text-xs text-muted">{label}</p>
      <p
        data-testid={testId}
        className={cn(
          'truncate text-sm font-semibold tabular-nums',
          tone === 'warning' && 'text-amber-700',
          tone === 'danger' && 'text-red-700',
        )}
      >
        {children}
      </p>
    </div>
  );
}

/** The time a shift opened: the time alone on the day it opened (the usual case), with its date after that. */
function shiftTime(openedAt: number, locale: Locale): string {
  return formatShopDate(openedAt, locale) === formatShopDate(Date.now(), locale)
    ? shopClock(openedAt).time
    : formatShopDateTime(openedAt, locale);
}

function lastSyncText(at: number | null, t: (typeof frameTexts)['en']): string {
  if (!at) return t.never;
  const minutes = Math.floor((Date.now() - at) / 60_000);
  return minutes < 1 ? t.justNow : t.minutesAgo(minutes);
}

/** English or Khmer, for whoever uses the counter now (the pairing screen has it too). */
export function LanguageSwitch() {
  const t = useMessages(frameTexts);
  const { locale, setLocale } = useLocale();
  return (
    <div role="group" aria-label={t.language} className="flex rounded-lg border border-line p-0.5">
      {languages.map((language) => (
        <button
          key={language.locale}
          type="button"
          lang={language.locale}
          aria-label={language.name}
          aria-pressed={locale === language.locale}
          onClick={() => setLocale(language.locale)}
          className={cn(
            'h-10 rounded-md px-3 text-sm font-semibold',
            locale === language.locale ? 'bg-brand-600 text-white' : 'text-ink hover:bg-slate-100',
          )}
        >
          {language.label}
        </button>
      ))}
    </div>
  );
}
