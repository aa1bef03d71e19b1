import { useLocale, useMessages } from '@shop/ui';
import { deliveryEta, formatUsd, provinceName, quoteDelivery } from '@shop/shared';
import { Truck } from 'lucide-react';
import { useShopInfo } from '../api/shop';
import { catalogText } from './messages';

/** Most orders go to the capital: the product page quotes it, checkout quotes the customer's own province. */
const QUOTED_PROVINCE = 'Phnom Penh';

/**
 * One short line of what getting this product costs: delivery to Phnom Penh (the shop's published rate for one unit,
 * free past the threshold) and free pick-up. Nothing while the shop's rates load, or where it does not deliver.
 */
export function DeliveryLine({ priceCents }: { priceCents: number }) {
  const t = useMessages(catalogText);
  const { locale } = useLocale();
  const shop = useShopInfo();
  if (!shop.data) return null;
  const quote = quoteDelivery(shop.data.delivery, QUOTED_PROVINCE, priceCents);
  const where = provinceName(QUOTED_PROVINCE, locale);
  // One line under the price: on a phone, Add to cart stays on the first screen.
  return (
    <p className="mt-3 flex items-start gap-1.5 text-sm text-slate-700" data-testid="product-delivery">
      <Truck className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden="true" />
      <span>
        {quote.delivers &&
          (quote.free
            ? t.deliveryFreeTo(where, deliveryEta(quote.minDays, quote.maxDays, locale))
            : t.deliveryTo(
                where,
                formatUsd(quote.feeCents),
                deliveryEta(quote.minDays, quote.maxDays, locale),
              )) + ' · '}
        {t.pickupFree}
      </span>
    </p>
  );
}
