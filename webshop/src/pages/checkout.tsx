import { LoadingBlock, useLocale, useMessages } from '@shop/ui';
import {
  guestDeliveryAddressSchema,
  holdLimitOf,
  provinceName,
  usdCentsToKhr,
  type GuestContact,
  type PlaceOrderInput,
} from '@shop/shared';
import { useQueryClient } from '@tanstack/react-query';
import { ShieldCheck, ShoppingBag } from 'lucide-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAddresses } from '../api/account';
import { useCart } from '../api/cart';
import { isApiError, queryKeys } from '../api/client';
import { usePlaceGuestOrder, usePlaceOrder } from '../api/orders';
import { useMe } from '../api/session';
import { useShopInfo } from '../api/shop';
import { CheckoutSummary } from '../checkout/checkout-summary';
import { GuestAddressFields, useGuestAddressForm } from '../checkout/guest-address';
import { guestCheckoutText } from '../checkout/guest-messages';
import { useCheckoutForm, type CheckoutValues } from '../checkout/checkout-form';
import { checkoutDelivery, FulfilmentStep } from '../checkout/fulfilment-step';
import { useAttemptKey } from '../checkout/idempotency';
import { checkoutText } from '../checkout/messages';
import { PaymentStep } from '../checkout/payment-step';
import { StepCard } from '../checkout/step-card';
import { WhoStep } from '../checkout/who-step';
import { common } from '../i18n/common';
import { rememberOrderAccess } from '../orders/order-access';
import { couponStore } from '../promotions/coupon-store';
import { EmptyWithShopLink } from '../ui/empty-with-shop-link';
import { PageHeading } from '../ui/page';
import { QueryError } from '../ui/query-error';

/**
 * Checkout on one page: who is buying (sign in or sign up inline), pickup or delivery, the payment currency and a
 * note, then the order placed once (an Idempotency-Key per attempt) and the customer taken to pay it.
 */
export function CheckoutPage() {
  const t = useMessages(checkoutText);
  const c = useMessages(common);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const cart = useCart();
  const me = useMe();
  const shop = useShopInfo();
  const place = usePlaceOrder();
  const placeAsGuest = usePlaceGuestOrder();
  const g = useMessages(guestCheckoutText);
  const [guest, setGuest] = useState<GuestContact | null>(null);
  const form = useCheckoutForm(c.somethingWrong);
  const guestAddress = useGuestAddressForm(c.somethingWrong);
  const keyFor = useAttemptKey();
  const nextStep = useRef<HTMLHeadingElement>(null);

  const fulfilment = form.watch('fulfilment');
  const currency = form.watch('currency');
  const addressId = form.watch('addressId');
  // The same list the address step shows (one request, cached): its chosen address's province prices delivery.
  const addresses = useAddresses({ enabled: Boolean(me.data) });
  const guestProvince = guestAddress.watch('province');

  if (cart.isPending || me.isPending) return <LoadingBlock label={t.loading} />;
  if (cart.isError) return <QueryError retry={cart.refetch} />;
  // Placed: the cart empties while the order page opens; show nothing rather than "your cart is empty".
  if (place.isSuccess || placeAsGuest.isSuccess) return <LoadingBlock label={t.placing} />;
  if (cart.data.lines.length === 0)
    return (
      <>
        <PageHeading title={t.title} />
        <EmptyWithShopLink
          title={t.emptyTitle}
          icon={ShoppingBag}
          text={t.emptyText}
          linkLabel={c.backHome}
        />
      </>
    );

  const user = me.data ?? null;
  // Signed in, the account buys; a guest's details count only while nobody is signed in.
  const buyer = user ?? (guest ? 'guest' : null);
  const subtotalCents = cart.data.subtotal.usdCents;
  // What the goods cost after the cart's promotions and the coupon: delivery's free-from counts on it, as the server's.
  const goodsCents = cart.data.promotions.goods.usdCents;
  const coupon = cart.data.promotions.coupon;
  const couponCode = coupon?.status === 'applied' ? coupon.code : undefined;
  const province = user
    ? (addresses.data?.find((a) => a.id === addressId)?.province ?? null)
    : guest
      ? guestProvince
      : null;
  const quote = checkoutDelivery(shop.data, fulfilment, province, goodsCents);
  const deliveryCents = quote?.delivers && !cart.data.promotions.deliveryFree ? quote.feeCents : 0;
  const totalCents = goodsCents + deliveryCents;
  const totals = {
    subtotalCents,
    deliveryCents,
    deliveryRefused: Boolean(province && quote && !quote.delivers),
    deliveryDays: province && quote?.delivers ? { min: quote.minDays, max: quote.maxDays } : null,
    totalCents,
    totalKhr: usdCentsToKhr(totalCents, cart.data.rielPerUsd),
    rielPerUsd: cart.data.rielPerUsd,
  };

  const blockedReason = !buyer
    ? g.whoFirst
    : !cart.data.canCheckout
      ? t.fixCart
      : fulfilment === 'delivery' && user && !addressId
        ? t.chooseAddress
        : quote && !quote.delivers && province
          ? t.noDelivery(provinceName(province, locale))
          : null;

  const send = async (values: CheckoutValues) => {
    const note = values.note?.trim();
    const input: PlaceOrderInput = {
      fulfilment: values.fulfilment,
      currency: values.currency,
      ...(values.fulfilment === 'delivery' && { addressId: values.addressId }),
      ...(note && { note }),
      ...(couponCode && { couponCode }),
    };
    try {
      if (user || !guest) {
        const order = await place.mutateAsync({ input, idempotencyKey: keyFor(input) });
        couponStore.set(null);
        await navigate(`/orders/${order.id}`);
        return;
      }
      const delivery = values.fulfilment === 'delivery';
      if (delivery && !(await guestAddress.trigger())) return;
      const guestInput = {
        guest,
        fulfilment: values.fulfilment,
        currency: values.currency,
        ...(delivery && { address: guestDeliveryAddressSchema.parse(guestAddress.getValues()) }),
        ...(note && { note }),
        ...(couponCode && { couponCode }),
      };
      const placed = await placeAsGuest.mutateAsync({
        input: guestInput,
        idempotencyKey: keyFor(guestInput),
      });
      rememberOrderAccess(placed.order.id, placed.accessToken);
      couponStore.set(null);
      await navigate(`/orders/${placed.order.id}`);
    } catch (error) {
      // Too much already waiting for payment (orders, or units of one product): say which limit, and how to go on.
      const limit = isApiError(error, 409) ? holdLimitOf(error.fields) : null;
      if (limit) {
        const product = cart.data.lines.find((line) => line.productId === limit.productId)?.name ?? null;
        form.setFormError(t.holdLimit(limit, product));
        return;
      }
      // The coupon no longer applies (used up meanwhile, expired): the fresh cart says why, by the coupon field.
      if (isApiError(error) && 'couponCode' in error.fields) {
        await queries.invalidateQueries({ queryKey: queryKeys.cart });
        form.setFormError(t.couponGone);
        return;
      }
      // Stock sold meanwhile, or a product no longer sold: the fresh cart shows which line and why.
      const stockGone =
        isApiError(error, 409) ||
        (isApiError(error, 400) && Object.keys(error.fields).some((f) => f.startsWith('items')));
      if (!stockGone) throw error;
      await queries.invalidateQueries({ queryKey: queryKeys.cart });
      form.setFormError(t.stockGone);
    }
  };

  // The next step, for keyboard and screen reader users who just finished signing in.
  const signedIn = () => requestAnimationFrame(() => nextStep.current?.focus());

  return (
    <>
      <PageHeading title={t.title}>
        <p className="flex items-center gap-1.5 text-sm font-medium text-emerald-700">
          <ShieldCheck className="size-4" aria-hidden="true" />
          {t.secure}
        </p>
      </PageHeading>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-5">
          <StepCard number={1} title={t.stepWho} done={Boolean(buyer)}>
            <WhoStep
              me={user}
              onSignedIn={signedIn}
              guest={guest}
              onGuest={(given) => {
                setGuest(given);
                if (given) signedIn();
              }}
            />
          </StepCard>
          <StepCard number={2} title={t.stepFulfilment} locked={!buyer} headingRef={nextStep}>
            <FulfilmentStep
              form={form}
              shop={shop.data}
              subtotalCents={subtotalCents}
              province={province}
              signedIn={Boolean(user)}
            />
            {!user && guest && fulfilment === 'delivery' && (
              <div className="mt-4">
                <GuestAddressFields form={guestAddress} />
              </div>
            )}
          </StepCard>
          <StepCard number={3} title={t.stepPayment} locked={!buyer}>
            <PaymentStep form={form} totalCents={totals.totalCents} totalKhr={totals.totalKhr} />
          </StepCard>
        </div>
        <CheckoutSummary
          cart={cart.data}
          totals={totals}
          delivery={fulfilment === 'delivery'}
          currency={currency}
          blockedReason={blockedReason}
          formError={form.formError}
          placing={form.formState.isSubmitting}
          heldMinutes={shop.data?.paymentQrMinutes}
          onPlace={() => void form.submit(send)()}
        />
      </div>
    </>
  );
}
