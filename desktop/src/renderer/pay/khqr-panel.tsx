import type { Currency } from '@shop/shared';
import { Button, FormAlert, useMessages } from '@shop/ui';
import { useEffect, useState } from 'react';
import type { PosCommandOutput, SaleView } from '../../core/commands';
import type { StaticKhqr } from '../../core/pos/static-khqr';
import { CommandFailed, messageOf, run } from '../bridge';
import { dueInCurrency } from './cash';
import { KhqrCard, minutesAndSeconds, useNow } from './khqr-card';
import { formatMoney } from './money';
import { payTexts } from './texts';

const POLL_MS = 2_000;

/** The dynamic KHQR waiting on the sale, as the core keeps it (so it survives going back to the sale and here). */
export function pendingKhqrOf(sale: SaleView) {
  const payment = sale.cart.payments.find((p) => p.online?.status === 'pending');
  return payment?.online ? { ...payment.online, amount: payment.amount, currency: payment.currency } : null;
}

/**
 * KHQR: the server's dynamic QR of what is left, large, with its countdown; asked about every 2 s, it turns paid by
 * itself. Offline (no server to make or confirm one) the shop's static QR is shown instead, and the payment counts
 * only when staff confirm they saw the money arrive on the shop phone.
 */
export function KhqrPanel({
  sale,
  setSale,
  change,
}: {
  sale: SaleView;
  setSale: (sale: SaleView) => void;
  change: (command: string, input: unknown) => Promise<boolean>;
}) {
  const t = useMessages(payTexts);
  const now = useNow();
  const [currency, setCurrency] = useState<Currency>('USD');
  const [offline, setOffline] = useState<StaticKhqr | null>(null);
  const [staffSaw, setStaffSaw] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = pendingKhqrOf(sale);
  const pendingId = pending?.id;

  useEffect(() => {
    if (!pendingId) return;
    const timer = setInterval(() => {
      run<PosCommandOutput<'khqrStatus'>>('khqrStatus')
        .then(({ status, problem: why, sale: next }) => {
          setSale(next);
          if (status === 'paid') setNotice(t.khqrPaid);
          if (status === 'expired') setProblem(why ?? t.expired);
        })
        // Not reachable now is not "unpaid": keep asking, say why meanwhile.
        .catch((failure: unknown) => setProblem(messageOf(failure)));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [pendingId, setSale, t]);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      setSale((await run<PosCommandOutput<'startKhqr'>>('startKhqr', { currency })).sale);
    } catch (failure) {
      if (failure instanceof CommandFailed && failure.error.code === 'offline') {
        try {
          setOffline(await run<StaticKhqr>('staticKhqr', { currency }));
          setStaffSaw(false);
        } catch (noStatic) {
          setProblem(`${failure.message} ${messageOf(noStatic)}`);
        }
      } else setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (await change('cancelKhqr', null)) setNotice(null);
  };
  const due = dueInCurrency(offline?.currency ?? currency, sale.totals.dueCents, sale.rielPerUsd);
  const confirmStatic = async () => {
    if (!offline) return;
    const taken = await change('pay', {
      method: 'khqr',
      currency: offline.currency,
      amount: due,
      staffConfirmed: true,
    });
    if (taken) setOffline(null);
  };

  if (pending)
    return (
      <div className="grid gap-3">
        <KhqrCard
          khqr={pending.khqr}
          heading={t.khqrFor(formatMoney(pending.currency, pending.amount))}
          amount={formatMoney(pending.currency, pending.amount)}
          footer={
            <>
              <span data-testid="khqr-countdown" className="font-semibold tabular-nums">
                {t.expiresIn(minutesAndSeconds(pending.expiresAt - now))}
              </span>
              <span className="block text-muted">{t.waiting}</span>
            </>
          }
        />
        {problem && <FormAlert>{problem}</FormAlert>}
        <Button size="lg" variant="secondary" onClick={() => void cancel()}>
          {t.cancelKhqr}
        </Button>
      </div>
    );

  if (offline)
    return (
      <div className="grid gap-3">
        <h3 className="font-bold">{t.offlineTitle}</h3>
        {/* The QR and the confirmation side by side: the confirmation stays in sight on a 768 px screen. */}
        <div className="grid grid-cols-[auto_minmax(0,1fr)] items-start gap-4">
          <KhqrCard
            khqr={offline.khqr}
            heading={offline.receiverName}
            amount={formatMoney(offline.currency, due)}
          />
          <div className="grid gap-3">
            <p>{t.offlineHint(formatMoney(offline.currency, due))}</p>
            <label className="flex min-h-12 items-center gap-3 rounded-lg border border-line bg-white px-3 py-2">
              <input
                type="checkbox"
                className="size-6 shrink-0"
                checked={staffSaw}
                onChange={(event) => setStaffSaw(event.target.checked)}
              />
              {t.staffSaw}
            </label>
            <Button size="lg" disabled={!staffSaw} onClick={() => void confirmStatic()}>
              {t.confirmStatic}
            </Button>
            <Button size="lg" variant="secondary" onClick={() => setOffline(null)}>
              {t.cancelKhqr}
            </Button>
          </div>
        </div>
      </div>
    );

  return (
    <div className="grid gap-4">
      <div role="group" aria-label={t.currency} className="flex items-center gap-2">
        <span className="w-32 text-sm text-muted">{t.currency}</span>
        {(['USD', 'KHR'] as const).map((option) => (
          <Button
            key={option}
            variant={option === currency ? 'primary' : 'secondary'}
            aria-pressed={option === currency}
            onClick={() => setCurrency(option)}
            className="h-11 min-w-24"
          >
            {option === 'USD' ? `$ ${t.dollars}` : `៛ ${t.riel}`}
          </Button>
        ))}
      </div>
      {notice && <FormAlert tone="success">{notice}</FormAlert>}
      {problem && <FormAlert>{problem}</FormAlert>}
      <Button size="lg" className="h-14 text-lg" busy={busy} onClick={() => void start()}>
        {t.showKhqr} · {formatMoney(currency, dueInCurrency(currency, sale.totals.dueCents, sale.rielPerUsd))}
      </Button>
    </div>
  );
}
