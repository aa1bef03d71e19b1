import { formatKhr, formatUsd, usdCentsToKhr } from '@shop/shared';
import { Button, useMessages } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import type { SaleView } from '../../core/commands';
import { DollarsInput } from './dollars-input';
import { saleTexts } from './texts';

/** The sum of the sale: the total big in dollars with riel beside it (at the shop's rate, to 100 riel). */
export function TotalsPanel({
  sale,
  change,
}: {
  sale: SaleView;
  change: (command: string, input: unknown) => Promise<boolean>;
}) {
  const t = useMessages(saleTexts);
  const { totals, cart } = sale;
  const units = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <section className="rounded-card border border-line bg-white p-4 shadow-sm">
      <dl className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">{t.items(units)}</dt>
        <dd />
        <dt className="text-muted">{t.subtotal}</dt>
        <dd className="text-right tabular-nums">{formatUsd(totals.grossCents)}</dd>
        {totals.grossCents !== totals.subtotalCents && (
          <>
            <dt className="text-muted">{t.lineDiscounts}</dt>
            <dd className="text-right tabular-nums">
              −{formatUsd(totals.grossCents - totals.subtotalCents)}
            </dd>
          </>
        )}
        {(cart.promotions ?? []).map((promotion) => (
          <PromotionRow key={promotion.name} name={promotion.name} cents={promotion.cents} />
        ))}
        <dt className="text-muted">{t.orderDiscount}</dt>
        <dd className="text-right">
          <DollarsInput
            label={t.orderDiscount}
            cents={cart.discountCents}
            onCommit={(discountCents) => change('setSaleDiscount', { discountCents })}
          />
        </dd>
      </dl>
      <CouponField sale={sale} change={change} />
      <div className="mt-3 border-t border-line pt-3">
        <p className="text-sm font-semibold text-muted">{t.total}</p>
        <p className="flex flex-wrap items-baseline justify-between gap-x-4">
          <span data-testid="total-usd" className="text-5xl font-bold tabular-nums">
            {formatUsd(totals.totalCents)}
          </span>
          <span data-testid="total-khr" className="text-2xl font-semibold text-muted tabular-nums">
            {formatKhr(usdCentsToKhr(Math.max(totals.totalCents, 0), sale.rielPerUsd))}
          </span>
        </p>
      </div>
    </section>
  );
}

function PromotionRow({ name, cents }: { name: string; cents: number }) {
  return (
    <>
      <dt data-testid="sale-promotion" className="font-medium text-emerald-700">
        {name}
      </dt>
      <dd className="text-right font-medium text-emerald-700 tabular-nums">−{formatUsd(cents)}</dd>
    </>
  );
}

/** The customer's coupon: typed and applied, or removed; the core says whether it applies and why not. */
function CouponField({
  sale,
  change,
}: {
  sale: SaleView;
  change: (command: string, input: unknown) => Promise<boolean>;
}) {
  const t = useMessages(saleTexts);
  const [code, setCode] = useState('');
  const { cart } = sale;
  const locked = cart.payments.length > 0;
  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() && (await change('setCoupon', { code }))) setCode('');
  };
  if (cart.couponCode)
    return (
      <div className="mt-2 text-sm" data-testid="coupon">
        <p className="flex items-center justify-between gap-2">
          <span className="font-semibold">{t.couponApplied(cart.couponCode)}</span>
          <Button
            variant="secondary"
            size="sm"
            disabled={locked}
            onClick={() => void change('setCoupon', { code: null })}
          >
            {t.removeCoupon}
          </Button>
        </p>
        {cart.couponRefusal && (
          <p role="alert" className="mt-1 text-amber-800">
            {t.couponRefused(cart.couponRefusal)}
          </p>
        )}
      </div>
    );
  return (
    <form className="mt-2 flex gap-2" onSubmit={(event) => void apply(event)}>
      <input
        aria-label={t.coupon}
        placeholder={t.coupon}
        value={code}
        disabled={locked}
        onChange={(event) => setCode(event.target.value)}
        className="min-w-0 flex-1 rounded-lg border border-line px-3 py-1.5 text-sm uppercase"
      />
      <Button type="submit" variant="secondary" size="sm" disabled={locked || !code.trim()}>
        {t.applyCoupon}
      </Button>
    </form>
  );
}
