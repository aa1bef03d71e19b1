import type { Availability } from '@shop/shared';
import { common } from '../i18n/common';
import { useMessages } from '../i18n/i18n';
import { Badge } from './badge';

export function StockBadge({ availability }: { availability: Availability }) {
  const t = useMessages(common);
  if (availability === 'in_stock') return <Badge tone="success">{t.inStock}</Badge>;
  if (availability === 'low_stock') return <Badge tone="warning">{t.lowStock}</Badge>;
  return <Badge tone="danger">{t.outOfStock}</Badge>;
}
