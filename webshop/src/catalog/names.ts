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

/** A product card's key specs in the page's language (the server writes both). */
export function useKeySpecs(): (product: { keySpecs: string[]; keySpecsKm: string[] }) => string[] {
  const { locale } = useLocale();
  return (product) => (locale === 'km' ? product.keySpecsKm : product.keySpecs);
}
