import { cn, useMessages } from '@shop/ui';
import type { ProductSummary } from '@shop/shared';
import { GitCompareArrows } from 'lucide-react';
import { useCategories } from '../api/catalog';
import { useToast } from '../ui/toast';
import { addToCompare, removeFromCompare, toCompareItem, useCompareList } from './compare-store';
import { cardText } from './card-messages';
import { useCategoryName } from './names';

/** Adds a product to the comparison, explaining (in a toast) why when it cannot be added. */
export function useCompareToggle(product: ProductSummary) {
  const t = useMessages(cardText);
  const list = useCompareList();
  const categories = useCategories();
  const notify = useToast();
  const categoryName = useCategoryName();
  const chosen = list.some((item) => item.id === product.id);

  const toggle = () => {
    if (chosen) return removeFromCompare(product.id);
    const result = addToCompare(toCompareItem(product, categories.data));
    if (result === 'full') notify({ tone: 'info', title: t.compareFull, description: t.compareFullText });
    if (result === 'other-kind')
      notify({
        tone: 'info',
        title: t.compareOtherKind,
        description: t.compareOtherKindText(categoryName(list[0]!.category)),
      });
  };
  return { chosen, toggle };
}

/** The "Compare" checkbox on product cards and the product page. */
export function CompareToggle({
  product,
  compact = false,
  className,
}: {
  product: ProductSummary;
  /** Without the icon, for narrow product cards. */
  compact?: boolean;
  className?: string;
}) {
  const t = useMessages(cardText);
  const { chosen, toggle } = useCompareToggle(product);
  return (
    <label
      className={cn(
        'inline-flex cursor-pointer items-center gap-2 rounded-md py-1 text-sm select-none',
        chosen ? 'font-semibold text-brand-700' : 'text-muted hover:text-ink',
        className,
      )}
    >
      <input
        type="checkbox"
        checked={chosen}
        onChange={toggle}
        className="size-4 rounded border-line accent-brand-600"
      />
      {!compact && <GitCompareArrows className="size-4" aria-hidden="true" />}
      <span>
        {t.compare}
        <span className="sr-only"> {product.name}</span>
      </span>
    </label>
  );
}
