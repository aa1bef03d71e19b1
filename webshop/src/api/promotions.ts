import { priceCart, type Category, type LivePromotions } from '@shop/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { client, queryKeys } from './client';
import { useCategories } from './catalog';

/** The shop's live and coming promotions (no coupons: those stay on the server until a customer types one). */
export function useLivePromotions() {
  return useQuery({
    queryKey: queryKeys.promotions,
    queryFn: ({ signal }) => client.getLivePromotions({}, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** What a product list or page needs of a product to price it. */
export interface Priceable {
  id: string;
  priceCents: number;
  compareAtCents: number | null;
  category: { id: string };
  brand: { id: string };
}

/**
 * Prices products with the shop's promotions through the same `priceCart` the checkout runs, so a product's page
 * shows what the cart will charge: the promotion's price, and the catalog's (or the compare-at price, when higher)
 * struck through. Priced at the instant the promotions were fetched, which travels with the server-rendered page:
 * the server and the browser's first render price alike (no hydration mismatch), whatever the clock says.
 */
export function usePromotedPrice(): <P extends Priceable>(
  product: P,
) => P & { promotionName: string | null } {
  const promotions = useLivePromotions();
  const categories = useCategories();
  const data = promotions.data;
  const at = promotions.dataUpdatedAt;
  const all = categories.data;
  return useCallback(<P extends Priceable>(product: P) => promoted(product, data, at, all), [data, at, all]);
}

/** A product priced with `promotions` at `now` (usePromotedPrice's answer; also the server entry's, before it renders). */
export function promoted<P extends Priceable>(
  product: P,
  promotions: LivePromotions | undefined,
  now: number,
  categories: Category[] | undefined,
): P & { promotionName: string | null } {
  if (!promotions || promotions.rules.length === 0) return { ...product, promotionName: null };
  const priced = priceCart({
    lines: [
      {
        productId: product.id,
        quantity: 1,
        priceCents: product.priceCents,
        categoryIds: categoryPath(product.category.id, categories),
        brandId: product.brand.id,
      },
    ],
    rules: promotions.rules,
    channel: 'web',
    now,
    rielPerUsd: promotions.rielPerUsd,
    knownCustomer: false,
  });
  const line = priced.lines[0]!;
  if (!line.promotion || line.unitPriceCents >= product.priceCents)
    return { ...product, promotionName: null };
  return {
    ...product,
    priceCents: line.unitPriceCents,
    compareAtCents: Math.max(product.compareAtCents ?? 0, product.priceCents),
    promotionName: line.promotion.name,
  };
}

/** The category and its parents up the tree (a category's promotion covers the categories under it). */
function categoryPath(id: string, categories: Category[] | undefined): string[] {
  const path = [id];
  const byId = new Map((categories ?? []).map((c) => [c.id, c]));
  for (
    let parent = byId.get(id)?.parentId;
    parent && !path.includes(parent);
    parent = byId.get(parent)?.parentId
  )
    path.push(parent);
  return path;
}
