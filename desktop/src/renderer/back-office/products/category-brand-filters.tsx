import { useLocale, useMessages } from '@shop/ui';
import { FilterSelect } from '../filter-bar';
import { categoryName, categoryTree, useBrands, useCategories } from './taxonomy';
import { productTexts } from './texts';

/** The category (as its tree, indented) and brand filters of every list of products: the catalog and stock lists. */
export function CategoryBrandFilters({
  filters,
  setFilters,
}: {
  filters: { categoryId: string; brandId: string };
  setFilters: (changes: Partial<Record<'categoryId' | 'brandId', string>>) => void;
}) {
  const t = useMessages(productTexts);
  const { locale } = useLocale();
  const categories = useCategories();
  const brands = useBrands();
  return (
    <>
      <FilterSelect
        label={t.category}
        value={filters.categoryId}
        onChange={(categoryId) => setFilters({ categoryId })}
        options={categoryTree(categories.data ?? []).map(({ category, depth }) => [
          category.id,
          '\u2003'.repeat(depth) + categoryName(category, locale),
        ])}
      />
      <FilterSelect
        label={t.brand}
        value={filters.brandId}
        onChange={(brandId) => setFilters({ brandId })}
        options={(brands.data ?? []).map((brand) => [brand.id, brand.name])}
      />
    </>
  );
}
