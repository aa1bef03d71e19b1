import type { ProductStockState } from '@shop/shared';
import { Badge, useMessages } from '@shop/ui';
import { productTexts } from './texts';

export function StockBadge({ state }: { state: ProductStockState }) {
  const t = useMessages(productTexts);
  const [tone, text] =
    state === 'out'
      ? (['danger', t.stockOut] as const)
      : state === 'low'
        ? (['warning', t.stockLow] as const)
        : (['success', t.stockIn] as const);
  return (
    <Badge tone={tone} className="whitespace-nowrap">
      {text}
    </Badge>
  );
}
