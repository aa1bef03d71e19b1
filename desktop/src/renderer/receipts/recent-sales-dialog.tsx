import { formatShopDateTime, formatUsd } from '@shop/shared';
import { Button, Dialog, FormAlert, useLocale, useMessages } from '@shop/ui';
import { useEffect, useState } from 'react';
import type { RecentSale } from '../../core/pos/recent-sales';
import { messageOf, run } from '../bridge';
import { ReceiptPanel } from './receipt-panel';
import { receiptTexts } from './texts';

/** The counter's recent sales, newest first: pick one to see, print, reprint or save its receipt again. */
export function RecentSalesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(receiptTexts);
  const { locale } = useLocale();
  const [sales, setSales] = useState<RecentSale[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setChosen(null);
    setProblem(null);
    run<RecentSale[]>('recentSales', { limit: 30 })
      .then(setSales)
      .catch((failure: unknown) => setProblem(messageOf(failure)));
  }, [open]);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={t.recentSales}
      closeLabel={t.close}
    >
      {problem && <FormAlert>{problem}</FormAlert>}
      {chosen ? (
        <div className="grid gap-3">
          <ReceiptPanel receiptNumber={chosen} />
          <Button variant="ghost" onClick={() => setChosen(null)}>
            ← {t.recentSales}
          </Button>
        </div>
      ) : (
        <>
          {sales?.length === 0 && <p className="text-muted">{t.noSales}</p>}
          <ul className="grid gap-2">
            {sales?.map((sale) => (
              <li key={sale.receiptNumber}>
                <button
                  type="button"
                  data-testid="recent-sale"
                  onClick={() => setChosen(sale.receiptNumber)}
                  className="flex h-16 w-full items-center justify-between gap-3 rounded-lg border border-line px-4 text-left hover:bg-slate-50"
                >
                  <span>
                    <span className="block font-semibold tabular-nums">{sale.receiptNumber}</span>
                    <span className="text-sm text-muted">
                      {formatShopDateTime(sale.at, locale)} · {t.units(sale.units)}
                      {!sale.synced && ` · ${t.notSynced}`}
                    </span>
                  </span>
                  <span className="font-bold tabular-nums">{formatUsd(sale.totalCents)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
