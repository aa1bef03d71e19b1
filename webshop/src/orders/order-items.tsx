import { useLocale, useMessages } from '@shop/ui';
import { deliveryEta, formatKhr, formatUsd, usdCentsToKhr, type Order } from '@shop/shared';
import { TotalRow, Totals } from '../checkout/totals';
import { orderText } from './messages';

/** The order's lines at the prices it was placed at, and its totals in dollars and riel (at the order's own rate). */
export function OrderItems({ order }: { order: Order }) {
  const t = useMessages(orderText);
  const { locale } = useLocale();
  const khr = (cents: number) => usdCentsToKhr(cents, order.rielPerUsd);
  return (
    <>
      <ul className="divide-y divide-line">
        {order.items.map((item) => {
          const kept = item.quantity - item.cancelledQuantity;
          return (
            <li key={item.id} className="flex items-start justify-between gap-4 py-3 first:pt-0">
              <div className="min-w-0">
                <p className="font-semibold">{item.name}</p>
                <p className="mt-0.5 text-xs text-muted">
                  {item.sku} · {t.warranty(item.warrantyMonths)}
                </p>
                <p className="mt-1 text-sm text-ink tabular-nums">
                  {kept} × {formatUsd(item.unitPriceCents)}
                  {item.originalUnitPriceCents !== undefined &&
                    item.originalUnitPriceCents > item.unitPriceCents && (
                      <s className="ml-1.5 text-muted">{formatUsd(item.originalUnitPriceCents)}</s>
                    )}
                  {item.cancelledQuantity > 0 && (
                    <span className="ml-2 text-red-700">{t.cancelledUnits(item.cancelledQuantity)}</span>
                  )}
                </p>
                {item.serials.length > 0 && (
                  <p className="mt-1 text-xs text-muted">
                    {t.serials}: {item.serials.join(', ')}
                  </p>
                )}
              </div>
              <div className="shrink-0 text-right tabular-nums">
                <p className="font-semibold">{formatUsd(item.lineTotalCents)}</p>
                <p className="text-xs text-muted">{formatKhr(khr(item.lineTotalCents))}</p>
              </div>
            </li>
          );
        })}
      </ul>
      <Totals className="mt-4 border-t border-line pt-4">
        <TotalRow label={t.subtotal} cents={order.subtotalCents} khr={khr(order.subtotalCents)} />
        {/* Each promotion by name: those of the lines are in the prices above; the rest came off the order. */}
        {(order.discounts ?? []).map((discount) =>
          discount.level === 'line' ? (
            <p key={`${discount.source}-${discount.id}`} className="text-right text-xs text-accent-600">
              {t.inPrices(discount.name, formatUsd(discount.amountCents))}
            </p>
          ) : (
            <TotalRow
              key={`${discount.source}-${discount.id}`}
              label={<span className="font-medium text-accent-600">{discount.name}</span>}
              cents={-discount.amountCents}
              khr={-khr(discount.amountCents)}
            />
          ),
        )}
        {order.fulfilment === 'delivery' && (
          <TotalRow
            label={
              <>
                {t.deliveryFee}
                {order.deliveryDays && (
                  <span className="block text-xs">
                    {t.arrives(deliveryEta(order.deliveryDays.min, order.deliveryDays.max, locale))}
                  </span>
                )}
              </>
            }
            cents={order.deliveryFeeCents}
            khr={khr(order.deliveryFeeCents)}
            text={
              order.deliveryFeeCents === 0 ? (
                <span className="font-semibold text-emerald-700">{t.free}</span>
              ) : undefined
            }
          />
        )}
        <TotalRow label={t.total} cents={order.totalCents} khr={order.totalKhr} strong />
        {order.refundOwedCents > 0 && (
          <TotalRow label={t.refundOwed} cents={order.refundOwedCents} khr={khr(order.refundOwedCents)} />
        )}
      </Totals>
      <p className="mt-2 text-right text-xs text-muted">
        {t.paysIn(order.currency)} · {t.rate(formatKhr(order.rielPerUsd))}
      </p>
    </>
  );
}
