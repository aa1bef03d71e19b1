import { Button, cn, SelectField, useMessages } from '@shop/ui';
import { useEffect, useState } from 'react';
import type { CounterStaff, StaffMember } from '../../core/staff/sign-in';
import { messageOf, run } from '../bridge';
import { lockMinuteChoices } from '../frame/use-idle-lock';
import { OnlineSignIn } from './online-sign-in';
import { PinPad } from './pin-pad';
import { signInTexts } from './texts';

/**
 * Who sells now: pick yourself from the staff this counter knows and type your PIN (works offline), or sign in online
 * with password and mailed code. The same screen locks the counter (the cashier preselected) and switches cashier.
 */
export function SignInScreen({
  locked,
  onSignedIn,
  lockMinutes,
  onLockMinutes,
  onCancel,
}: {
  /** The cashier whose counter locked: their PIN opens it again; another may take over. */
  locked?: StaffMember;
  onSignedIn: (member: StaffMember) => void;
  lockMinutes: number;
  onLockMinutes: (minutes: number) => void;
  /** Switching cashier: back to the sale without switching. */
  onCancel?: () => void;
}) {
  const t = useMessages(signInTexts);
  const [staff, setStaff] = useState<CounterStaff[] | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(locked?.id ?? null);
  const [online, setOnline] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    run<CounterStaff[]>('counterStaff')
      .then(setStaff)
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, []);

  const chosen = staff?.find((member) => member.id === chosenId) ?? null;
  const signInByPin = async (pin: string) => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await run<StaffMember>('signInWithPin', { staffId: chosen.id, pin }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const showOnline = online || staff?.length === 0;
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-6 p-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{locked ? t.lockedTitle(locked.name) : t.title}</h1>
        {onCancel && (
          <Button variant="secondary" size="lg" onClick={onCancel}>
            {t.back}
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-start gap-8">
        <section className="min-w-64 flex-1">
          <p className="mb-3 text-muted">{staff?.length === 0 ? t.noStaffYet : t.pickYourself}</p>
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-2">
            {staff?.map((member) => (
              <li key={member.id}>
                <button
                  type="button"
                  aria-pressed={member.id === chosenId}
                  onClick={() => {
                    setChosenId(member.id);
                    setOnline(false);
                    setError(null);
                  }}
                  className={cn(
                    'flex h-16 w-full flex-col items-start justify-center rounded-lg border px-4 text-left',
                    member.id === chosenId
                      ? 'border-brand-600 bg-brand-50 ring-2 ring-brand-500'
                      : 'border-line bg-white hover:bg-slate-50',
                  )}
                >
                  <span className="font-semibold">{member.name}</span>
                  <span className="text-xs text-muted">{t.role(member.role)}</span>
                </button>
              </li>
            ))}
          </ul>
          {/* Someone whose PIN does not work here yet gets the big button on the right instead. */}
          {!showOnline && (!chosen || chosen.pinReady) && (
            <Button variant="ghost" className="mt-4" onClick={() => setOnline(true)}>
              {t.online}
            </Button>
          )}
        </section>
        <section aria-live="polite">
          {showOnline ? (
            <OnlineSignIn onSignedIn={onSignedIn} />
          ) : chosen?.pinReady ? (
            <PinPad key={chosen.id} onSubmit={(pin) => void signInByPin(pin)} error={error} busy={busy} />
          ) : chosen ? (
            <div className="grid w-96 gap-3">
              <p>{t.needsOnline}</p>
              <Button size="lg" onClick={() => setOnline(true)}>
                {t.online}
              </Button>
            </div>
          ) : (
            error && <p role="alert">{error}</p>
          )}
        </section>
      </div>
      <SelectField
        label={t.lockAfter}
        value={lockMinutes}
        onChange={(event) => onLockMinutes(Number(event.target.value))}
        className="w-64"
      >
        {lockMinuteChoices.map((minutes) => (
          <option key={minutes} value={minutes}>
            {t.minutes(minutes)}
          </option>
        ))}
      </SelectField>
    </main>
  );
}
