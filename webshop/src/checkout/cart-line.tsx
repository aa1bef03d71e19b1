import { Button, cn, InlineError, Spinner, useMessages } from '@shop/ui';
import type { Cart } from '@shop/shared';
import { formatKhr, formatUsd } from '@shop/shared';
import { useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, Trash2 } from 'lucide-react';
import { useSetCartQuantity } from '../api/cart';
import { isApiError, queryKeys } from '../api/client';
import { cartText } from './messages';
import { ProductNameLink, ProductThumbLink } from './product-line-links';
import { MAX_LINE_QUANTITY, QuantityStepper } from './quantity-stepper';

export type CartLine = Cart['lines'][number];

/** One product in the cart: picture, name, price, quantity, total, and what stops it from being checked out. */
export function CartLineRow({
  line,
  onRemove,
  removing,
}: {
  line: CartLine;
  onRemove: (line: CartLine) => void;
  removing: boolean;
}) {
  const t = useMessages(cartText);
  const queries = useQueryClient();
  const setQuantity = useSetCartQuantity();
  const busy = setQuantity.isPending || removing;
  const href = `/products/${line.slug}`;

  const change = (quantity: number) =>
    setQuantity.mutate(
      { lineId: line.id, quantity },
      {
        // Stock changed since the cart was loaded: the fresh cart shows how many are left.
        onError: (error) => {
          if (isApiError(error, 409) || isApiError(error, 404))
            void queries.invalidateQueries({ queryKey: queryKeys.cart });
        },
      },
    );

  return (
    <li className="flex gap-3 py-4 sm:gap-4" aria-busy={busy || undefined}>
      <ProductThumbLink href={href} src={line.imageUrl} alt={line.name} className="size-16 sm:size-20" />
      <div className="min-w-0 flex-1">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <ProductNameLink href={href} name={line.name} />
            <p className="mt-0.5 text-xs text-muted">
              {line.sku} · {formatUsd(line.unitPriceCents)} {t.each}
              {line.originalUnitPriceCents > line.unitPriceCents && (
                <>
                  {' '}
                  <s className="tabular-nums">{formatUsd(line.originalUnitPriceCents)}</s>
                </>
              )}
            </p>
            {line.promotion && (
              <p data-promotion className="mt-0.5 text-xs font-semibold text-accent-600">
                {line.promotion.name}
              </p>
            )}
          </div>
          <Button
            variant="ghost"
            size="sm"
            className="-mt-1 -mr-2 shrink-0 px-2 text-muted hover:text-red-700"
            aria-label={t.removeName(line.name)}
            onClick={() => onRemove(line)}
            disabled={removing}
          >
            <Trash2 className="size-4" aria-hidden="true" />
            <span className="hidden sm:inline">{t.remove}</span>
          </Button>
        </div>

        <div className="mt-3 flex items-end justify-between gap-2">
          {line.problem === 'out_of_stock' || line.problem === 'unavailable' ? (
            <span className="text-sm text-muted">
              {t.quantity}: {line.quantity}
            </span>
          ) : (
            <QuantityStepper
              value={line.quantity}
              max={Math.min(line.available, MAX_LINE_QUANTITY)}
              label={t.quantityOf(line.name)}
              decreaseLabel={t.decrease(line.name)}
              increaseLabel={t.increase(line.name)}
              disabled={removing}
              onChange={change}
            />
          )}
          <div className="flex min-w-0 items-center gap-2 text-right">
            {setQuantity.isPending && <Spinner className="size-4 text-muted" />}
            <div className={cn(line.problem && 'opacity-60')}>
              <p className="font-bold text-ink tabular-nums">{formatUsd(line.lineTotal.usdCents)}</p>
              <p className="text-xs text-muted tabular-nums">{formatKhr(line.lineTotal.khr)}</p>
            </div>
          </div>
        </div>

        {line.problem && (
          <div className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            <p className="flex gap-2">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              <span>
                {line.problem === 'out_of_stock'
                  ? t.outOfStock
                  : line.problem === 'unavailable'
                    ? t.unavailable
                    : t.notEnoughStock(line.available)}
              </span>
            </p>
            {line.problem === 'not_enough_stock' && line.available > 0 && (
              <button
                type="button"
                className="mt-1 ml-6 font-semibold underline underline-offset-2 hover:no-underline"
                onClick={() => change(line.available)}
                disabled={busy}
              >
                {t.setTo(line.available)}
              </button>
            )}
          </div>
        )}
        {setQuantity.isError && <InlineError className="mt-2">{t.updateFailed}</InlineError>}
      </div>
    </li>
  );
}
