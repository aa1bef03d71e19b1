import { formatKhr, formatUsd, usdCentsToKhr, type Currency } from '@shop/shared';
import { Button, FormAlert, useMessages } from '@shop/ui';
import type { CommittedSale } from '../../core/pos/sale';
import { ReceiptPanel } from '../receipts/receipt-panel';
import { formatMoney } from './money';
import { payTexts } from './texts';

export interface Completion {
  sale: CommittedSale;
  /** The change the cashier is to hand over, per currency (a split may give some in each). */
  change: { currency: Currency; amount: number }[];
  /** The shop's rate at the sale: the change is also said in the other currency. */
  rielPerUsd: number;
  printed: string | null;
  printProblem: string | null;
}

/** The sale is done: the change to hand over, big; whether the receipt printed; its preview and the next sale. */
export function CompletedSale({ done, onNext }: { done: Completion; onNext: () => void }) {
  const t = useMessages(payTexts);
  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_minmax(22rem,30rem)] gap-4 overflow-auto p-4 max-[1100px]:grid-cols-[minmax(0,1fr)_20rem]">
      <section className="grid content-start gap-4">
        <h2 className="text-2xl font-bold">{t.done}</h2>
        <p className="text-muted" data-testid="receipt-number">
          {t.receiptNo(done.sale.receiptNumber)}
        </p>
        <div className="rounded-card border border-line bg-white p-6 shadow-sm">
          <p className="text-sm font-semibold text-muted">{t.giveChange}</p>
          <p className="text-5xl font-bold tabular-nums" data-testid="change-given">
            {done.change.length === 0
              ? t.noChange
              : done.change.map((c) => formatMoney(c.currency, c.amount)).join(' + ')}
          </p>
          {done.change.length > 0 && (
            <p className="mt-1 text-xl text-muted tabular-nums" data-testid="change-given-other">
              ≈{' '}
              {done.change
                .map((c) =>
                  c.currency === 'USD'
                    ? formatKhr(usdCentsToKhr(c.amount, done.rielPerUsd))
                    : formatUsd(Math.floor((c.amount * 100) / done.rielPerUsd)),
                )
                .join(' + ')}
            </p>
          )}
        </div>
        {done.printed && <FormAlert tone="success">{t.printedOn(done.printed)}</FormAlert>}
        {done.printProblem && <FormAlert>{t.printFailed(done.printProblem)}</FormAlert>}
        <Button size="lg" className="h-16 text-xl" onClick={onNext} autoFocus>
          {t.nextSale}
          <kbd className="ml-2 rounded border border-current/30 px-1 font-mono text-xs">Enter</kbd>
        </Button>
      </section>
      <ReceiptPanel receiptNumber={done.sale.receiptNumber} />
    </div>
  );
}
