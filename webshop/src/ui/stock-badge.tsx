import { Badge, useMessages } from '@shop/ui';
import type { Availability } from '@shop/shared';
import { common } from '../i18n/common';

/** `preOrderable`: out of stock, yet the shop takes pre-orders of it (it says so instead of "Out of stock"). */
export function StockBadge({
  availability,
  preOrderable = false,
}: {
  availability: Availability;
  preOrderable?: boolean;
}) {
  const t = useMessages(common);
  if (availability === 'out_of_stock' && preOrderable) return <Badge tone="info">{t.preOrderable}</Badge>;
  if (availability === 'in_stock') return <Badge tone="success">{t.inStock}</Badge>;
  if (availability === 'low_stock') return <Badge tone="warning">{t.lowStock}</Badge>;
  return <Badge tone="danger">{t.outOfStock}</Badge>;
}
