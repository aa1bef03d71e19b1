import { formatShopDateTime, type Locale } from '@shop/shared';
import { Badge, Button, cn, useLocale, useMessages } from '@shop/ui';
import type { ReactNode } from 'react';
import type { Shift } from '../../core/pos/shifts';
import type { StaffMember } from '../../core/staff/sign-in';
import type { SyncStatus } from '../../core/sync/status';
import { frameTexts } from './texts';

/** Short labels keep the bar on one line at 1024 px; each names its language in that language. */
const languages: { locale: Locale; label: string; name: string }[] = [
  { locale: 'en', label: 'EN', name: 'English' },
  { locale: 'km', label: 'ខ្មែរ', name: 'ខ្មែរ' },
];

/**
 * Always on screen: is the counter online, when did it last sync, how many sales wait to go and how many the server
 * parked, who is selling and in which shift; the language switch and the cashier's lock, switch and sign-out.
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
    <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line bg-white px-4 py-2">
      <p className="text-lg font-bold">{status.deviceName}</p>
      <Badge tone={status.online ? 'success' : 'danger'} className="px-3 py-1 text-sm">
        <span role="status" data-testid="connection">
          {status.online ? t.online : t.offline}
        </span>
      </Badge>
      <Figure label={t.lastSync} testId="last-sync">
        {lastSyncText(status.lastSyncAt, t)}
      </Figure>
      <Figure label={t.waiting} testId="pending" tone={status.pending > 0 ? 'warning' : undefined}>
        {status.pending}
      </Figure>
      <Figure label={t.parked} testId="parked" tone={parked > 0 ? 'danger' : undefined}>
        {parked}
      </Figure>
      <Figure label={t.shift} testId="shift">
        {shift ? t.shiftSince(formatShopDateTime(shift.openedAt, locale)) : t.noShift}
      </Figure>
      <div className="ml-auto flex items-center gap-2">
        {cashier && (
          <Figure label={t.cashier} testId="cashier">
            {cashier.name}
          </Figure>
        )}
        <LanguageSwitch />
        {onLock && (
          <Button variant="secondary" onClick={onLock} className="h-11 px-3">
            {t.lock}
          </Button>
        )}
        {onSwitch && (
          <Button variant="secondary" onClick={onSwitch} className="h-11 px-3">
            {t.switchCashier}
          </Button>
        )}
        {onSignOut && (
          <Button variant="ghost" onClick={onSignOut} className="h-11 px-3">
            {t.signOut}
          </Button>
        )}
      </div>
    </header>
  );
}

function Figure({
  label,
  testId,
  tone,
  children,
}: {
  label: string;
  testId: string;
  tone?: 'warning' | 'danger';
  children: ReactNode;
}) {
  return (
    <div className="leading-tight">
      <p className="text-xs text-muted">{label}</p>
      <p
        data-testid={testId}
        className={cn(
          'text-sm font-semibold tabular-nums',
          tone === 'warning' && 'text-amber-700',
          tone === 'danger' && 'text-red-700',
        )}
      >
        {children}
      </p>
    </div>
  );
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
