import { Badge, useMessages } from '@shop/ui';
import type { Availability } from '@shop/shared';
import { common } from '../i18n/common';

export function StockBadge({ availability }: { availability: Availability }) {
  const t = useMessages(common);
  if (availability === 'in_stock') return <Badge tone="success">{t.inStock}</Badge>;
  if (availability === 'low_stock') return <Badge tone="warning">{t.lowStock}</Badge>;
  return <Badge tone="danger">{t.outOfStock}</Badge>;
}
