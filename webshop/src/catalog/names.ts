import { useLocale } from '@shop/ui';

/** A category's name in the page's language (categories carry both). */
export function useCategoryName(): (category: { name: string; nameKm: string }) => string {
  const { locale } = useLocale();
  return (category) => (locale === 'km' ? category.nameKm : category.name);
}

/** The percentage a customer saves, rounded down so a sign never promises more than the price gives. */
export function discountPercent(product: { priceCents: number; compareAtCents: number | null }): number {
  const was = product.compareAtCents;
  if (was === null || was <= product.priceCents) return 0;
  return Math.floor(((was - product.priceCents) / was) * 100);
}

/** A spec value as shown: yes/no in the page's language, anything else as the server formatted it. */
export function specValueLabel(
  value: string | number | boolean,
  display: string,
  t: { yes: string; no: string },
) {
  if (value === true || value === 'true') return t.yes;
  if (value === false || value === 'false') return t.no;
  return display;
}
