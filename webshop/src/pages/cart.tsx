import { Button, FormAlert, Skeleton, useMessages } from '@shop/ui';
import { formatKhr } from '@shop/shared';
import { ArrowRight, ShieldCheck, ShoppingBag, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { useAddToCart, useCart, useRemoveFromCart } from '../api/cart';
import { CartLineRow, type CartLine } from '../checkout/cart-line';
import { cartText } from '../checkout/messages';
import { TotalRow, Totals } from '../checkout/totals';
import { common } from '../i18n/common';
import { ButtonLink } from '../ui/button-link';
import { EmptyWithShopLink } from '../ui/empty-with-shop-link';
import { Card, PageHeading } from '../ui/page';
import { QueryError } from '../ui/query-error';
import { CouponField } from '../promotions/coupon-field';
import { DiscountRows } from '../promotions/discount-rows';

/** The cart: change quantities, see what cannot be bought as it is, and go to checkout. */
export function CartPage() {
  const t = useMessages(cartText);
  const c = useMessages(common);
  const cart = useCart();
  const remove = useRemoveFromCart();
  const addBack = useAddToCart();
  // The last line removed, so a slip of the finger can be undone.
  const [removed, setRemoved] = useState<CartLine | null>(null);

  const onRemove = (line: CartLine) =>
    remove.mutate(line.id, {
      onSuccess: () => setRemoved(line),
    });

  const undo = () => {
    if (!removed) return;
    addBack.mutate(
      { productId: removed.productId, quantity: removed.quantity },
      { onSuccess: () => setRemoved(null) },
    );
  };

  if (cart.isPending) return <CartSkeleton title={t.title} label={t.loading} />;
  if (cart.isError)
    return (
      <>
        <PageHeading title={t.title} />
        <QueryError title={t.loadFailed} retry={cart.refetch} />
      </>
    );

  const data = cart.data;
  // Always in the page, so screen readers announce the notice when it appears.
  const undoNotice = (
    <div role="status">
      {removed && (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-card border border-line bg-white px-4 py-3 text-sm shadow-sm">
          <span>{t.removed(removed.name)}</span>
          <Button variant="secondary" size="sm" onClick={undo} busy={addBack.isPending}>
            <Undo2 className="size-4" aria-hidden="true" />
            {t.undo}
          </Button>
        </div>
      )}
    </div>
  );

  if (data.lines.length === 0)
    return (
      <>
        <PageHeading title={t.title} />
        {undoNotice}
        <EmptyWithShopLink
          title={t.emptyTitle}
          icon={ShoppingBag}
          text={t.emptyText}
          linkLabel={t.startShopping}
        />
      </>
    );

  return (
    <>
      <PageHeading title={t.title}>
        <p className="text-muted">{t.itemCount(data.itemCount)}</p>
      </PageHeading>
      {undoNotice}
      {remove.isError && (
        <div className="mb-4">
          <FormAlert>{c.somethingWrong}</FormAlert>
        </div>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section className="rounded-card border border-line bg-surface px-4 py-1 shadow-sm sm:px-6">
          <ul aria-label={t.linesLabel} className="divide-y divide-line">
            {data.lines.map((line) => (
              <CartLineRow
                key={line.id}
                line={line}
                onRemove={onRemove}
                removing={remove.isPending && remove.variables === line.id}
              />
            ))}
          </ul>
        </section>

        <Card className="lg:sticky lg:top-24">
          <h2 className="mb-4 text-lg font-bold">{t.summary}</h2>
          <Totals>
            <TotalRow
              label={t.deliveryLater}
              text={<span className="text-muted">{t.deliveryLaterValue}</span>}
            />
            {data.promotions.orderDiscountCents > 0 && (
              <TotalRow label={t.subtotal} cents={data.subtotal.usdCents} khr={data.subtotal.khr} />
            )}
            <DiscountRows cart={data} />
            <TotalRow
              label={data.promotions.orderDiscountCents > 0 ? t.total : t.subtotal}
              cents={data.promotions.goods.usdCents}
              khr={data.promotions.goods.khr}
              strong
            />
          </Totals>
          <div className="mt-4 border-t border-line pt-4">
            <CouponField cart={data} />
          </div>
          <p className="mt-2 text-right text-xs text-muted">{t.rate(formatKhr(data.rielPerUsd))}</p>
          {data.canCheckout ? (
            <ButtonLink to="/checkout" variant="accent" size="lg" className="mt-5 w-full">
              {t.checkout}
              <ArrowRight className="size-5" aria-hidden="true" />
            </ButtonLink>
          ) : (
            <>
              <Button
                variant="accent"
                size="lg"
                className="mt-5 w-full"
                disabled
                aria-describedby="cart-blocked"
              >
                {t.checkout}
              </Button>
              <p id="cart-blocked" className="mt-2 text-sm text-amber-800">
                {t.fixProblems}
              </p>
            </>
          )}
          <ButtonLink to="/" variant="ghost" className="mt-2 w-full">
            {t.continueShopping}
          </ButtonLink>
          <p className="mt-4 flex gap-2 border-t border-line pt-4 text-xs text-muted">
            <ShieldCheck className="size-4 shrink-0 text-emerald-600" aria-hidden="true" />
            {t.paySafely}
          </p>
        </Card>
      </div>
    </>
  );
}

function CartSkeleton({ title, label }: { title: string; label: string }) {
  return (
    <>
      <PageHeading title={title} />
      <p role="status" className="sr-only">
        {label}
      </p>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="space-y-6">
          {[0, 1, 2].map((i) => (
            <div key={i} className="flex gap-4">
              <Skeleton className="size-20 shrink-0" />
              <div className="flex-1 space-y-2">
                <Skeleton className="h-4 w-3/4" />
                <Skeleton className="h-3 w-1/3" />
                <Skeleton className="h-10 w-32" />
              </div>
            </div>
          ))}
        </Card>
        <Card className="space-y-3">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-12 w-full" />
        </Card>
      </div>
    </>
  );
}
