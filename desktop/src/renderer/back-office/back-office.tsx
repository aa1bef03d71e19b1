import { Button, FormAlert, LoadingBlock, PasswordField, TextField, useMessages } from '@shop/ui';
import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { HashRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import type { BackOfficeHolder } from '../../core/back-office/session';
import type { StaffMember } from '../../core/staff/sign-in';
import { messageOf, run } from '../bridge';
import { backOfficeQueries, holderKey } from './api';
import { areasFor, type AreaPath } from './areas';
import { AuditScreen } from './audit/audit-screen';
import { CustomersScreen } from './customers/customers-screen';
import { OrdersScreen } from './orders/orders-screen';
import { HealthScreen } from './health/health-screen';
import { PaymentsScreen } from './payments/payments-screen';
import { PeopleScreen } from './people/people-screen';
import { PreOrdersScreen } from './pre-orders/pre-orders-screen';
import { ProductsScreen } from './products/products-screen';
import { RepairsScreen } from './repairs/repairs-screen';
import { PromotionsScreen } from './promotions/promotions-screen';
import { ReportsScreen } from './reports/reports-screen';
import { SettingsScreen } from './settings/settings-screen';
import { StockScreen } from './stock/stock-screen';
import { SupportScreen } from './support/support-screen';
import { backOfficeTexts } from './texts';

/** Where each area's screens are. */
const screens: Record<AreaPath, () => ReactNode> = {
  orders: () => <OrdersScreen />,
  payments: () => <PaymentsScreen />,
  'pre-orders': () => <PreOrdersScreen />,
  customers: () => <CustomersScreen />,
  promotions: () => <PromotionsScreen />,
  support: () => <SupportScreen />,
  repairs: () => <RepairsScreen />,
  products: () => <ProductsScreen />,
  stock: () => <StockScreen />,
  people: () => <PeopleScreen />,
  settings: () => <SettingsScreen />,
  audit: () => <AuditScreen />,
  reports: () => <ReportsScreen />,
  health: () => <HealthScreen />,
};

/**
 * The back office inside the counter's window, for the cashier signed in: opened with their password and the mailed
 * code (the core then holds the server session), closed by them, by idling, or by signing out. Its areas follow the
 * role; its lists keep their filters in the address (`#/back-office/…`).
 */
export function BackOffice({ cashier }: { cashier: StaffMember }) {
  return (
    <QueryClientProvider client={backOfficeQueries}>
      <HashRouter>
        <BackOfficeDoor cashier={cashier} />
      </HashRouter>
    </QueryClientProvider>
  );
}

function BackOfficeDoor({ cashier }: { cashier: StaffMember }) {
  const holder = useQuery({ queryKey: holderKey, queryFn: () => run<BackOfficeHolder | null>('backOffice') });
  const queries = useQueryClient();
  // Open before, closed now without the person closing it: idle, or their session ended on the server.
  const [wasOpen, setWasOpen] = useState(false);
  const open = Boolean(holder.data);
  if (open !== wasOpen) setWasOpen(open);
  const closedUnder = wasOpen && !open;
  const [closedBefore, setClosedBefore] = useState(false);
  if (closedUnder && !closedBefore) setClosedBefore(true);

  if (holder.isPending) return <LoadingBlock label="" />;
  if (!holder.data)
    return (
      <OpenBackOffice
        cashier={cashier}
        closedBefore={closedBefore}
        onOpened={() => {
          queries.removeQueries({ predicate: (query) => query.queryKey[0] !== holderKey[0] });
          setClosedBefore(false);
          void holder.refetch();
        }}
      />
    );
  return (
    <BackOfficeFrame
      holder={holder.data}
      onClosed={() => {
        setWasOpen(false);
        void holder.refetch();
      }}
    />
  );
}

function OpenBackOffice({
  cashier,
  closedBefore,
  onOpened,
}: {
  cashier: StaffMember;
  closedBefore: boolean;
  onOpened: () => void;
}) {
  const t = useMessages(backOfficeTexts);
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(closedBefore ? t.closedIdle : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (challengeId) {
        await run('confirmBackOfficeCode', { challengeId, code: code.trim() });
        onOpened();
      } else {
        const answer = await run<{ opened: BackOfficeHolder } | { challengeId: string }>('openBackOffice', {
          password,
        });
        setPassword('');
        if ('challengeId' in answer) setChallengeId(answer.challengeId);
        else onOpened();
      }
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="mx-auto mt-12 w-full max-w-md px-4">
      <form
        onSubmit={(event) => void submit(event)}
        className="space-y-4 rounded-card border border-line bg-white p-6"
      >
        <h1 className="text-xl font-semibold">{t.openTitle}</h1>
        <p className="text-muted">{challengeId ? t.codeSent : t.openWhy(cashier.name)}</p>
        {problem && <FormAlert>{problem}</FormAlert>}
        {challengeId ? (
          <TextField
            key="code"
            label={t.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        ) : (
          <PasswordField
            key="password"
            label={t.password}
            shown={false}
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
        <Button type="submit" size="lg" busy={busy} className="w-full">
          {challengeId ? t.confirm : t.open}
        </Button>
      </form>
    </main>
  );
}

function BackOfficeFrame({ holder, onClosed }: { holder: BackOfficeHolder; onClosed: () => void }) {
  const t = useMessages(backOfficeTexts);
  const mine = areasFor(holder.role);
  const close = async () => {
    await run('closeBackOffice').catch(() => undefined);
    backOfficeQueries.removeQueries({ predicate: (query) => query.queryKey[0] !== holderKey[0] });
    onClosed();
  };
  return (
    <div className="flex min-h-0 flex-1">
      <nav
        aria-label={t.areas}
        className="flex w-56 shrink-0 flex-col gap-1 border-r border-line bg-slate-50 p-3"
      >
        {mine.map((area) => (
          <NavLink
            key={area.path}
            to={`/back-office/${area.path}`}
            className={({ isActive }) =>
              `rounded-lg px-3 py-2.5 font-medium ${isActive ? 'bg-brand-600 text-white' : 'text-ink hover:bg-slate-200'}`
            }
          >
            {t[area.path]}
          </NavLink>
        ))}
        <Button variant="ghost" className="mt-auto" onClick={() => void close()}>
          {t.close}
        </Button>
      </nav>
      <div className="min-w-0 flex-1 overflow-y-auto p-5">
        <Routes>
          {mine.map((area) => (
            <Route key={area.path} path={`/back-office/${area.path}/*`} element={screens[area.path]()} />
          ))}
          <Route path="*" element={<Navigate to={`/back-office/${mine[0]?.path ?? 'orders'}`} replace />} />
        </Routes>
      </div>
    </div>
  );
}
