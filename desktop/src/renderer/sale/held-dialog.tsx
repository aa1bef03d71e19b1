import { formatShopDateTime, formatUsd } from '@shop/shared';
import { Dialog, useLocale, useMessages } from '@shop/ui';
import type { HeldCart } from '../../core/pos/held-carts';
import { saleTexts } from './texts';

/** The sales put aside at this counter, oldest first; one tap (or Enter) takes it up again. */
export function HeldDialog({
  held,
  onRecall,
  onClose,
}: {
  held: HeldCart[] | null;
  onRecall: (heldId: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(saleTexts);
  const { locale } = useLocale();
  return (
    <Dialog
      open={held !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t.heldSales}
      closeLabel={t.close}
    >
      {held?.length === 0 && <p className="text-muted">{t.noHeld}</p>}
      <ul className="grid gap-2">
        {held?.map((sale) => {
          const total = sale.cart.lines.reduce(
            (sum, l) => sum + l.unitPriceCents * l.quantity - l.discountCents,
            0,
          );
          return (
            <li key={sale.id}>
              <button
                type="button"
                onClick={() => onRecall(sale.id)}
                className="flex h-16 w-full items-center justify-between rounded-lg border border-line px-4 text-left hover:bg-slate-50"
              >
                <span>
                  <span className="block font-semibold">{sale.cart.lines.map((l) => l.name).join(', ')}</span>
                  <span className="text-sm text-muted">
                    {t.heldAt(formatShopDateTime(sale.heldAt, locale), sale.cart.lines.length)}
                  </span>
                </span>
                <span className="font-bold tabular-nums">{formatUsd(total - sale.cart.discountCents)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
