import { Button, FormAlert, useLocale, useMessages } from '@shop/ui';
import { deliveryEta, formatKhr, formatUsd, usdCentsToKhr, type Cart } from '@shop/shared';
import { AlertTriangle, Lock } from 'lucide-react';
import { Link } from 'react-router';
import { cartText, checkoutText } from './messages';
import { ProductThumb } from './product-thumb';
import { TotalRow, Totals } from './totals';
import { CouponField } from '../promotions/coupon-field';
import { DiscountRows } from '../promotions/discount-rows';

export interface CheckoutTotals {
  subtotalCents: number;
  deliveryCents: number;
  /** The chosen address's province is one the shop does not deliver to. */
  deliveryRefused: boolean;
  /** The days the chosen address's province is promised, once one is chosen. */
  deliveryDays: { min: number; max: number } | null;
  totalCents: number;
  totalKhr: number;
  rielPerUsd: number;
}

/** The order as it will be placed: its lines, the money in both currencies, and the button that places it. */
export function CheckoutSummary({
  cart,
  totals,
  delivery,
  currency,
  blockedReason,
  formError,
  placing,
  heldMinutes,
  onPlace,
}: {
  cart: Cart;
  totals: CheckoutTotals;
  delivery: boolean;
  currency: 'USD' | 'KHR';
  /** Why the order cannot be placed yet, or null. */
  blockedReason: string | null;
  formError: string | null;
  placing: boolean;
  heldMinutes: number | undefined;
  onPlace: () => void;
}) {
  const t = useMessages(checkoutText);
  const { locale } = useLocale();
  const ct = useMessages(cartText);
  const khr = (cents: number) => usdCentsToKhr(cents, totals.rielPerUsd);

  return (
    <section
      aria-labelledby="checkout-summary"
      className="rounded-card border border-line bg-surface p-5 shadow-sm sm:p-6 lg:sticky lg:top-24"
    >
      <div className="mb-4 flex items-baseline justify-between gap-3">
        <h2 id="checkout-summary" className="text-lg font-bold">
          {t.summary}
        </h2>
        <Link to="/cart" className="text-sm font-medium text-brand-700 hover:underline">
          {t.editCart}
        </Link>
      </div>
      <ul className="space-y-3">
        {cart.lines.map((line) => (
          <li key={line.id} className="flex gap-3">
            <ProductThumb src={line.imageUrl} alt={line.name} className="size-14" />
            <div className="min-w-0 flex-1 text-sm">
              <p className="line-clamp-2 font-medium">{line.name}</p>
              <p className="text-muted tabular-nums">
                {t.quantityShort(line.quantity)} {formatUsd(line.unitPriceCents)}
                {line.originalUnitPriceCents > line.unitPriceCents && (
                  <>
                    {' '}
                    <s>{formatUsd(line.originalUnitPriceCents)}</s>
                  </>
                )}
              </p>
              {line.promotion && (
                <p data-promotion className="text-xs font-semibold text-accent-600">
                  {line.promotion.name}
                </p>
              )}
              {line.problem && (
                <p className="mt-1 flex gap-1 text-amber-800">
                  <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
                  {line.problem === 'not_enough_stock'
                    ? ct.notEnoughStock(line.available)
                    : line.problem === 'out_of_stock'
                      ? ct.outOfStock
                      : ct.unavailable}
                </p>
              )}
            </div>
            <p className="text-sm font-semibold tabular-nums">{formatUsd(line.lineTotal.usdCents)}</p>
          </li>
        ))}
      </ul>

      <Totals className="mt-5 border-t border-line pt-4">
        <TotalRow label={t.subtotal} cents={totals.subtotalCents} khr={khr(totals.subtotalCents)} />
        <DiscountRows cart={cart} />
        {delivery && (
          <TotalRow
            label={
              <>
                {t.deliveryFee}
                {totals.deliveryDays && (
                  <span className="block text-xs" data-testid="delivery-eta">
                    {t.arrives(deliveryEta(totals.deliveryDays.min, totals.deliveryDays.max, locale))}
                  </span>
                )}
              </>
            }
            cents={totals.deliveryCents}
            khr={khr(totals.deliveryCents)}
            text={
              totals.deliveryRefused ? (
                <span className="font-semibold text-amber-800">{t.notAvailable}</span>
              ) : totals.deliveryCents === 0 ? (
                <span className="font-semibold text-emerald-700">{t.free}</span>
              ) : undefined
            }
          />
        )}

        <TotalRow label={t.total} cents={totals.totalCents} khr={totals.totalKhr} strong />
      </Totals>
      <div className="mt-4 border-t border-line pt-4">
        <CouponField cart={cart} />
      </div>
      <p className="mt-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
        {t.totalToPay(currency)}:{' '}
        <strong className="tabular-nums">
          {currency === 'USD' ? formatUsd(totals.totalCents) : formatKhr(totals.totalKhr)}
        </strong>
      </p>

      {formError && (
        <div className="mt-4">
          <FormAlert>{formError}</FormAlert>
        </div>
      )}
      <Button
        variant="accent"
        size="lg"
        className="mt-5 w-full"
        onClick={onPlace}
        busy={placing}
        disabled={blockedReason !== null}
        aria-describedby={blockedReason ? 'checkout-blocked' : undefined}
      >
        {!placing && <Lock className="size-4" aria-hidden="true" />}
        {placing ? t.placing : t.placeOrder}
      </Button>
      {blockedReason ? (
        <p id="checkout-blocked" className="mt-2 text-center text-sm text-amber-800">
          {blockedReason}
        </p>
      ) : (
        heldMinutes !== undefined && (
          <p className="mt-2 text-center text-xs text-muted">{t.held(heldMinutes)}</p>
        )
      )}
    </section>
  );
}
