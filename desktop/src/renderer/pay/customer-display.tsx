import { formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import { useEffect, useState } from 'react';
import type { SaleView } from '../../core/commands';
import { run } from '../bridge';
import { KhqrCard, minutesAndSeconds, useNow } from './khqr-card';
import { pendingKhqrOf } from './khqr-panel';
import { formatMoney } from './money';

const POLL_MS = 1_000;

/** Both languages at once: the customer's language is not the cashier's. */
const say = {
  welcome: ['Welcome', 'សូមស្វាគមន៍'],
  total: ['Total', 'សរុប'],
  left: ['To pay', 'ត្រូវបង់'],
  scan: ['Scan with your bank app', 'ស្កេនជាមួយកម្មវិធីធនាគាររបស់អ្នក'],
  expires: ['Expires in', 'ផុតកំណត់ក្នុង'],
  thanks: ['Thank you!', 'សូមអរគុណ!'],
} as const;

function Both({ text, className }: { text: readonly [string, string]; className?: string }) {
  return (
    <span className={className}>
      <span lang="km">{text[1]}</span> · {text[0]}
    </span>
  );
}

/**
 * The customer-facing screen (`#/customer`), for a second window or display: the sale's total and what is left, the
 * KHQR to scan with its countdown, thanks once paid. It only reads the sale on screen, once a second.
 */
export function CustomerDisplay() {
  const [sale, setSale] = useState<SaleView | null>(null);
  const now = useNow();
  useEffect(() => {
    let live = true;
    const read = () =>
      run<SaleView>('sale')
        .then((next) => live && setSale(next))
        .catch(() => undefined);
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const pending = sale && pendingKhqrOf(sale);
  const empty = !sale || sale.cart.lines.length === 0;
  const paid = sale && !empty && sale.totals.dueCents <= 0 && !pending;
  return (
    <main className="flex min-h-screen flex-wrap items-center justify-center gap-x-16 gap-y-4 bg-slate-50 p-6 text-center">
      {empty ? (
        <Both text={say.welcome} className="text-5xl font-bold" />
      ) : (
        <>
          <div>
            <Both text={say.total} className="text-xl text-muted" />
            <p className="text-6xl font-bold tabular-nums" data-testid="customer-total">
              {formatUsd(sale.totals.totalCents)}
            </p>
            <p className="text-3xl font-semibold text-muted tabular-nums">
              {formatKhr(usdCentsToKhr(Math.max(sale.totals.totalCents, 0), sale.rielPerUsd))}
            </p>
          </div>
          {pending ? (
            <KhqrCard
              size="huge"
              khqr={pending.khqr}
              heading={<Both text={say.scan} />}
              amount={formatMoney(pending.currency, pending.amount)}
              footer={
                <span className="tabular-nums">
                  <Both text={say.expires} /> {minutesAndSeconds(pending.expiresAt - now)}
                </span>
              }
            />
          ) : paid ? (
            <Both text={say.thanks} className="text-5xl font-bold text-emerald-700" />
          ) : (
            <div>
              <Both text={say.left} className="text-xl text-muted" />
              <p className="text-5xl font-bold text-brand-700 tabular-nums" data-testid="customer-left">
                {formatUsd(sale.totals.dueCents)} · {formatKhr(sale.dueKhr)}
              </p>
            </div>
          )}
        </>
      )}
    </main>
  );
}
