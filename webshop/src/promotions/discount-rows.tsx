import { useMessages } from '@shop/ui';
import { formatKhr, formatUsd, usdCentsToKhr, type Cart } from '@shop/shared';
import { TotalRow } from '../checkout/totals';
import { promotionText } from './messages';

/**
 * The discounts taken off the whole cart, each by its name (cart rules, free items, the coupon), as the server
 * priced them; the line promotions show on their lines. Free delivery is said where delivery is.
 */
export function DiscountRows({ cart }: { cart: Cart }) {
  const t = useMessages(promotionText);
  const rows = cart.promotions.discounts.filter((d) => d.level === 'cart' && d.amountCents > 0);
  const saving = cart.promotions.savingsCents;
  return (
    <>
      {rows.map((discount) => (
        <TotalRow
          key={`${discount.source}-${discount.id}`}
          label={<span className="font-medium text-accent-600">{discount.name}</span>}
          cents={-discount.amountCents}
          khr={-usdCentsToKhr(discount.amountCents, cart.rielPerUsd)}
        />
      ))}
      {saving > 0 && (
        <p data-testid="cart-saving" className="text-right text-sm font-semibold text-accent-600">
          {t.youSave} {formatUsd(saving)} (≈ {formatKhr(usdCentsToKhr(saving, cart.rielPerUsd))})
        </p>
      )}
    </>
  );
}
