import { Badge, Button, InlineError, Skeleton, useLocale, useMessages } from '@shop/ui';
import {
  deliveryEta,
  formatCambodianPhone,
  formatUsd,
  provinceName,
  quoteDelivery,
  type Address,
  type DeliveryQuote,
  type ShopInfo,
} from '@shop/shared';
import { useQueryClient } from '@tanstack/react-query';
import { MapPin, Plus } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { AddressForm } from '../account/address-form';
import { useAddresses } from '../api/account';
import { queryKeys } from '../api/client';
import { common } from '../i18n/common';
import { ChoiceCard, ChoiceGroup } from './choice-card';
import type { CheckoutForm } from './checkout-form';
import { checkoutText } from './messages';

/**
 * What delivery to this province costs and takes for this subtotal, with the server's own function over the rates it
 * published (GET /shop): the order is charged exactly this. Null for pick-up, or before the shop's rates arrive.
 */
export function checkoutDelivery(
  shop: ShopInfo | undefined,
  fulfilment: string,
  province: string | null,
  subtotalCents: number,
): DeliveryQuote | null {
  if (fulfilment !== 'delivery' || !shop) return null;
  return quoteDelivery(shop.delivery, province ?? '', subtotalCents);
}

/** Pickup at the shop (its address shown) or delivery to one of the customer's saved addresses, or a new one. */
export function FulfilmentStep({
  form,
  shop,
  subtotalCents,
  province,
  signedIn,
}: {
  form: CheckoutForm;
  shop: ShopInfo | undefined;
  subtotalCents: number;
  /** The chosen address's province; null while none is chosen. */
  province: string | null;
  signedIn: boolean;
}) {
  const t = useMessages(checkoutText);
  const { locale } = useLocale();
  const fulfilment = form.watch('fulfilment');
  const quote = checkoutDelivery(shop, 'delivery', province, subtotalCents);
  const freeFrom = shop?.delivery.freeFromCents ?? null;
  const where = province && provinceName(province, locale);
  const cheapest = shop && Math.min(...shop.delivery.rates.filter((r) => r.delivers).map((r) => r.feeCents));

  let hint: ReactNode = null;
  if (shop && quote && where)
    hint = !quote.delivers
      ? t.notDeliveredTo(where)
      : quote.free
        ? t.deliveryFreeTo(where, deliveryEta(quote.minDays, quote.maxDays, locale))
        : t.deliveryTo(
            where,
            formatUsd(quote.feeCents),
            deliveryEta(quote.minDays, quote.maxDays, locale),
            freeFrom === null ? null : formatUsd(freeFrom),
          );
  else if (cheapest !== undefined && Number.isFinite(cheapest))
    hint = t.deliveryByProvince(formatUsd(cheapest));

  return (
    <div className="space-y-4">
      <ChoiceGroup legend={t.stepFulfilment} legendClassName="sr-only">
        <ChoiceCard
          {...form.register('fulfilment')}
          value="pickup"
          title={t.pickup}
          hint={t.pickupHint}
          aside={<span className="text-emerald-700">{t.free}</span>}
        />
        <ChoiceCard
          {...form.register('fulfilment')}
          value="delivery"
          title={t.delivery}
          hint={<span data-testid="delivery-quote">{hint}</span>}
          aside={
            where &&
            quote?.delivers &&
            (quote.feeCents === 0 ? (
              <span className="text-emerald-700">{t.free}</span>
            ) : (
              formatUsd(quote.feeCents)
            ))
          }
        />
      </ChoiceGroup>
      {fulfilment === 'delivery' && where && quote && !quote.delivers && (
        <div role="alert" className="space-y-2 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p>{t.noDelivery(where)}</p>
          <Button variant="secondary" onClick={() => form.setValue('fulfilment', 'pickup')}>
            {t.pickupInstead}
          </Button>
        </div>
      )}

      {fulfilment === 'pickup' && shop?.contact.address && (
        <p className="flex gap-2 rounded-lg bg-slate-50 px-4 py-3 text-sm">
          <MapPin className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden="true" />
          <span>
            <span className="font-semibold">{t.shopAddress}: </span>
            {shop.contact.address}
            {shop.contact.phone && <span className="text-muted"> · {shop.contact.phone}</span>}
            {shop.contact.hours && <span className="block text-muted">{shop.contact.hours}</span>}
          </span>
        </p>
      )}
      {fulfilment === 'delivery' && signedIn && <AddressChooser form={form} />}
    </div>
  );
}

function AddressChooser({ form }: { form: CheckoutForm }) {
  const t = useMessages(checkoutText);
  const { locale } = useLocale();
  const c = useMessages(common);
  const queries = useQueryClient();
  const addresses = useAddresses();
  const [adding, setAdding] = useState(false);
  const selected = form.watch('addressId');
  const items = addresses.data;
  const error = form.formState.errors.addressId?.message;

  // The default address (or the only one) is chosen for the customer.
  useEffect(() => {
    if (selected || !items?.length) return;
    form.setValue('addressId', (items.find((a) => a.isDefault) ?? items[0]!).id);
  }, [items, selected, form]);

  const saved = (address: Address) => {
    // Shown and chosen at once; the list is asked for again by the save itself (a new default changes others).
    queries.setQueryData<{ items: Address[] }>(queryKeys.addresses, (old) => ({
      items: [...(old?.items ?? []).filter((a) => a.id !== address.id), address],
    }));
    form.setValue('addressId', address.id, { shouldValidate: true });
    setAdding(false);
  };

  if (addresses.isPending)
    return (
      <div className="space-y-3" role="status" aria-label={t.addressesLoading}>
        <Skeleton className="h-20 w-full" />
      </div>
    );
  if (addresses.isError)
    return (
      <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-900">
        {t.addressesFailed}{' '}
        <button type="button" className="font-semibold underline" onClick={() => void addresses.refetch()}>
          {c.retry}
        </button>
      </div>
    );

  const showForm = adding || addresses.data.length === 0;
  return (
    <div className="space-y-3">
      {addresses.data.length > 0 && (
        <fieldset aria-describedby={error ? 'checkout-address-error' : undefined}>
          <legend className="mb-2 text-sm font-semibold">{t.addressesLabel}</legend>
          <div className="grid gap-3">
            {addresses.data.map((address) => (
              <ChoiceCard
                key={address.id}
                {...form.register('addressId')}
                value={address.id}
                title={
                  <span className="flex items-center gap-2">
                    {address.label}
                    {address.isDefault && <Badge>{t.defaultAddress}</Badge>}
                  </span>
                }
                hint={
                  <>
                    {address.recipient} · {formatCambodianPhone(address.phone)}
                    <br />
                    {[
                      address.houseStreet,
                      address.floorUnit,
                      address.village,
                      address.sangkat,
                      address.khan,
                      provinceName(address.province, locale),
                    ]
                      .filter(Boolean)
                      .join(', ')}
                  </>
                }
              />
            ))}
          </div>
        </fieldset>
      )}
      {error && <InlineError id="checkout-address-error">{error}</InlineError>}
      {showForm ? (
        <div className="rounded-card border border-line p-4">
          <h3 className="mb-1 font-semibold">{t.newAddress}</h3>
          {addresses.data.length === 0 && <p className="mb-3 text-sm text-muted">{t.noAddresses}</p>}
          <AddressForm
            onSaved={saved}
            onCancel={addresses.data.length > 0 ? () => setAdding(false) : undefined}
          />
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAdding(true)}>
          <Plus className="size-4" aria-hidden="true" />
          {t.addAddress}
        </Button>
      )}
    </div>
  );
}
