import { formatUsd } from '@shop/shared';
import { Button, cn, useMessages } from '@shop/ui';
import type { ReturnableSale } from '../../core/pos/returnable';
import type { Pick } from './pick';
import { returnTexts } from './texts';

/**
 * The receipt's lines with how many of each come back: never more than sold less what came back before (the core's
 * figures). A serialized line is picked by its serials, each a big toggle.
 */
export function ReturnLines({
  sale,
  picks,
  onPick,
}: {
  sale: ReturnableSale;
  picks: Record<string, Pick>;
  onPick: (productId: string, pick: Pick) => void;
}) {
  const t = useMessages(returnTexts);
  return (
    <ul className="grid gap-2">
      {sale.lines.map((line) => {
        const pick = picks[line.productId] ?? { quantity: 0, serials: [] };
        const serialized = line.serials.length > 0;
        const toggle = (serial: string) => {
          const serials = pick.serials.includes(serial)
            ? pick.serials.filter((s) => s !== serial)
            : [...pick.serials, serial];
          onPick(line.productId, { quantity: serials.length, serials });
        };
        return (
          <li
            key={line.productId}
            data-testid="return-line"
            className={cn(
              'rounded-lg border bg-white p-3',
              pick.quantity > 0 ? 'border-brand-500' : 'border-line',
            )}
          >
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <p className="font-semibold">{line.name}</p>
                <p className="text-sm text-muted">
                  {t.soldQty} {line.sold} · {t.returnedQty} {line.returned} ·{' '}
                  {formatUsd(line.unitRefundCents)}
                </p>
              </div>
              {line.left === 0 ? (
                <p className="text-sm text-muted">{t.nothingLeft}</p>
              ) : serialized ? null : (
                <div className="flex items-center gap-2" role="group" aria-label={`${t.back} ${line.name}`}>
                  <Button
                    variant="secondary"
                    size="lg"
                    aria-label={`${t.less} ${line.name}`}
                    disabled={pick.quantity === 0}
                    onClick={() => onPick(line.productId, { quantity: pick.quantity - 1, serials: [] })}
                  >
                    −
                  </Button>
                  <span
                    data-testid="return-quantity"
                    className="w-12 text-center text-xl font-bold tabular-nums"
                  >
                    {pick.quantity}
                  </span>
                  <Button
                    variant="secondary"
                    size="lg"
                    aria-label={`${t.more} ${line.name}`}
                    disabled={pick.quantity >= line.left}
                    onClick={() => onPick(line.productId, { quantity: pick.quantity + 1, serials: [] })}
                  >
                    +
                  </Button>
                  <span className="text-sm text-muted">/ {line.left}</span>
                </div>
              )}
            </div>
            {serialized && line.left > 0 && (
              <fieldset className="mt-2">
                <legend className="text-sm text-muted">{t.serialsToPick}</legend>
                <div className="mt-1 flex flex-wrap gap-2">
                  {line.serials.map((serial) => (
                    <label
                      key={serial}
                      className={cn(
                        'flex h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 font-mono text-sm',
                        pick.serials.includes(serial) ? 'border-brand-500 bg-brand-50' : 'border-line',
                      )}
                    >
                      <input
                        type="checkbox"
                        className="size-5"
                        checked={pick.serials.includes(serial)}
                        onChange={() => toggle(serial)}
                      />
                      {serial}
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
          </li>
        );
      })}
    </ul>
  );
}
