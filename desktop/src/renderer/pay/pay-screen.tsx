import type { Currency } from '@shop/shared';
import { Button, FormAlert, useMessages } from '@shop/ui';
import { useState } from 'react';
import type { SaleView } from '../../core/commands';
import type { CommittedSale } from '../../core/pos/sale';
import type { PrinterSetting } from '../../core/receipts/printer-setting';
import { messageOf, run } from '../bridge';
import { ShortcutButton } from '../frame/shortcut-button';
import { useShortcut } from '../frame/shortcuts';
import { CashPanel } from './cash-panel';
import { CompletedSale, type Completion } from './completed-sale';
import { KhqrPanel, pendingKhqrOf } from './khqr-panel';
import { formatMoney } from './money';
import { PaymentsSummary } from './payments-summary';
import { payTexts } from './texts';

type Method = 'cash' | 'khqr';

/** Opens (or brings back) the customer-facing window: the total and the QR, on a second screen where there is one. */
function openCustomerScreen() {
  window.open(`${window.location.pathname}#/customer`, 'shop-customer-display', 'popup,width=900,height=700');
}

/** The change to hand over from a sale's payments, summed per currency. */
function changeToGive(sale: SaleView): Completion['change'] {
  const sums = new Map<Currency, number>();
  for (const p of sale.cart.payments)
    if (p.change > 0) sums.set(p.changeCurrency, (sums.get(p.changeCurrency) ?? 0) + p.change);
  return [...sums].map(([currency, amount]) => ({ currency, amount }));
}

/**
 * Paying (F12 from the sale): cash and KHQR, split as the customer likes, what is left shown after each payment.
 * Once nothing is left the sale is committed, its receipt printed where a printer is set (the drawer opens for
 * cash), else previewed.
 */
export function PayScreen({
  sale,
  setSale,
  change,
  problem,
  onBack,
  onDone,
}: {
  sale: SaleView;
  setSale: (sale: SaleView) => void;
  change: (command: string, input?: unknown) => Promise<boolean>;
  problem: string | null;
  onBack: () => void;
  onDone: () => void;
}) {
  const t = useMessages(payTexts);
  const [method, setMethod] = useState<Method>('cash');
  const [completing, setCompleting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<Completion | null>(null);
  const waitingKhqr = pendingKhqrOf(sale) !== null;
  const settled = sale.totals.dueCents <= 0 && !waitingKhqr && sale.cart.lines.length > 0;

  const removeLast = () => void change('removeLastPayment');
  useShortcut('F7', removeLast, !done && sale.cart.payments.length > 0);
  // Escape goes back to the sale (its key shown short on the button: "Escape" would not fit at 1024 px).
  useShortcut('Escape', onBack, !done && !completing && !waitingKhqr);

  const complete = async () => {
    setCompleting(true);
    setFailure(null);
    const handOver = changeToGive(sale);
    const paidCash = sale.cart.payments.some((p) => p.method === 'cash');
    try {
      const committed = await run<CommittedSale>('commitSale');
      let printed: string | null = null;
      let printProblem: string | null = null;
      try {
        const printer = await run<PrinterSetting>('printerSettings');
        if (printer.kind !== 'none')
          printed = (
            await run<{ printedOn: string }>('printReceipt', {
              receiptNumber: committed.receiptNumber,
              openDrawer: paidCash,
            })
          ).printedOn;
      } catch (printFailure) {
        // The sale is made whatever the printer does: say so, the preview below prints or saves it instead.
        printProblem = messageOf(printFailure);
      }
      setDone({ sale: committed, change: handOver, rielPerUsd: sale.rielPerUsd, printed, printProblem });
    } catch (commitFailure) {
      setFailure(messageOf(commitFailure));
    } finally {
      setCompleting(false);
    }
  };

  if (done) return <CompletedSale done={done} onNext={onDone} />;

  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)] gap-4 overflow-auto p-4 max-[1100px]:grid-cols-[minmax(0,1fr)_18rem] max-[1100px]:gap-3 max-[1100px]:p-3">
      <section className="flex min-h-0 flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-2xl font-bold">{t.title}</h2>
          <ShortcutButton
            shortcut="F5"
            onPress={() => setMethod('cash')}
            variant={method === 'cash' ? 'primary' : 'secondary'}
            disabled={settled}
          >
            {t.cash}
          </ShortcutButton>
          <ShortcutButton
            shortcut="F6"
            onPress={() => setMethod('khqr')}
            variant={method === 'khqr' ? 'primary' : 'secondary'}
            disabled={settled}
          >
            {t.khqr}
          </ShortcutButton>
        </div>
        {(problem ?? failure) && <FormAlert>{problem ?? failure}</FormAlert>}
        {settled ? (
          <div className="grid content-start gap-4 rounded-card border border-line bg-white p-6 shadow-sm">
            <p className="text-sm font-semibold text-muted">{t.giveChange}</p>
            <p className="text-5xl font-bold tabular-nums" data-testid="change-to-give">
              {changeToGive(sale).length === 0
                ? t.noChange
                : changeToGive(sale)
                    .map((c) => formatMoney(c.currency, c.amount))
                    .join(' + ')}
            </p>
            <Button
              size="lg"
              className="h-16 text-xl"
              busy={completing}
              onClick={() => void complete()}
              autoFocus
            >
              {completing ? t.completing : t.complete}
              <kbd className="ml-2 rounded border border-current/30 px-1 font-mono text-xs">Enter</kbd>
            </Button>
          </div>
        ) : method === 'cash' && !waitingKhqr ? (
          <CashPanel
            sale={sale}
            pay={({ tendered, currency, changeCurrency }) =>
              change('pay', { method: 'cash', currency, tendered, changeCurrency })
            }
          />
        ) : (
          <KhqrPanel sale={sale} setSale={setSale} change={change} />
        )}
      </section>
      <aside className="flex min-h-0 flex-col gap-3">
        <PaymentsSummary sale={sale} onRemoveLast={removeLast} />
        <div className="grid grid-cols-2 gap-2">
          <ShortcutButton onPress={onBack} disabled={completing || waitingKhqr}>
            {t.back} <kbd className="font-mono text-xs opacity-70">Esc</kbd>
          </ShortcutButton>
          <ShortcutButton onPress={openCustomerScreen}>{t.customerScreen}</ShortcutButton>
        </div>
      </aside>
    </div>
  );
}
