import { FormAlert, LocaleProvider, useMessages } from '@shop/ui';
import { useEffect, useState } from 'react';
import type { Shift } from '../core/pos/shifts';
import type { StaffMember } from '../core/staff/sign-in';
import type { SyncStatus } from '../core/sync/status';
import { messageOf, run } from './bridge';
import { ScreenTabs, type CounterScreen } from './frame/screen-tabs';
import { StatusBar } from './frame/status-bar';
import { frameTexts } from './frame/texts';
import { useIdleLock, useLockMinutes } from './frame/use-idle-lock';
import { BackOffice } from './back-office/back-office';
import { ReturnsScreen } from './returns/returns-screen';
import { SaleScreen } from './sale/sale-screen';
import { ShiftScreen } from './shifts/shift-screen';
import { SignInScreen } from './sign-in/sign-in-screen';

type Mode = 'selling' | 'locked' | 'switching';

/**
 * A paired counter: who is signed in decides what shows (the sign-in, or selling), and the language is that
 * cashier's own choice, remembered on this counter.
 */
export function Counter({ status }: { status: SyncStatus }) {
  const [cashier, setCashier] = useState<StaffMember | null | undefined>(undefined);
  return (
    <LocaleProvider storageKey={`counter.locale.${cashier?.id ?? 'counter'}`}>
      <CounterScreens status={status} cashier={cashier} setCashier={setCashier} />
    </LocaleProvider>
  );
}

function CounterScreens({
  status,
  cashier,
  setCashier,
}: {
  status: SyncStatus;
  cashier: StaffMember | null | undefined;
  setCashier: (cashier: StaffMember | null) => void;
}) {
  const t = useMessages(frameTexts);
  const [mode, setMode] = useState<Mode>('selling');
  const [shift, setShift] = useState<Shift | null>(null);
  // A shared back-office link (`#/back-office/orders?…`) opens on the back office.
  const [screen, setScreen] = useState<CounterScreen>(() =>
    window.location.hash.startsWith('#/back-office') ? 'backOffice' : 'sale',
  );
  const [problem, setProblem] = useState<string | null>(null);
  // A notification's link (`#/back-office/…`, notification-bell.tsx) opens on the back office too.
  useEffect(() => {
    const follow = () => {
      if (window.location.hash.startsWith('#/back-office')) setScreen('backOffice');
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const [lockMinutes, setLockMinutes] = useLockMinutes();

  // Asked again whenever the sync status moves: a pull may have disabled the cashier, a shift may have changed.
  useEffect(() => {
    run<StaffMember | null>('signedIn')
      .then(setCashier)
      .catch(() => undefined);
    run<Shift | null>('currentShift')
      .then(setShift)
      .catch(() => undefined);
  }, [status, setCashier]);

  useIdleLock(lockMinutes, Boolean(cashier) && mode === 'selling', () => setMode('locked'));

  const signedIn = (member: StaffMember) => {
    setCashier(member);
    setMode('selling');
    setProblem(null);
  };
  const signOut = async () => {
    try {
      await run('signOut');
      setCashier(null);
      setMode('selling');
      setProblem(null);
    } catch (failure) {
      setProblem(`${t.signOutRefused}: ${messageOf(failure, t.unreachable)}`);
    }
  };

  if (cashier === undefined) return <main aria-busy="true" />;
  const selling = cashier !== null && mode === 'selling';
  return (
    <div className="flex h-screen flex-col">
      <StatusBar
        status={status}
        cashier={cashier}
        shift={shift}
        {...(selling && {
          onLock: () => setMode('locked'),
          onSwitch: () => setMode('switching'),
          onSignOut: () => void signOut(),
        })}
      />
      {problem && (
        <div className="px-4 pt-3">
          <FormAlert>{problem}</FormAlert>
        </div>
      )}
      {selling && <ScreenTabs screen={screen} onScreen={setScreen} />}
      {selling ? (
        screen === 'backOffice' && cashier ? (
          <BackOffice cashier={cashier} />
        ) : screen === 'returns' ? (
          <ReturnsScreen status={status} />
        ) : screen === 'shift' ? (
          <ShiftScreen shift={shift} onShift={setShift} />
        ) : (
          <SaleScreen />
        )
      ) : (
        <SignInScreen
          key={mode}
          {...(cashier && mode === 'locked' && { locked: cashier })}
          {...(cashier && mode === 'switching' && { onCancel: () => setMode('selling') })}
          onSignedIn={signedIn}
          lockMinutes={lockMinutes}
          onLockMinutes={setLockMinutes}
        />
      )}
    </div>
  );
}
