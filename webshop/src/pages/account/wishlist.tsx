import { Badge, Button, useLocale, useMessages } from '@shop/ui';
import type { WishlistItem } from '@shop/shared';
import { BellRing, Heart, ShoppingCart, Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import { useRemoveFromWishlist, useWishlist } from '../../api/wishlist';
import { useAddToCartWithFeedback } from '../../catalog/add-to-cart';
import { ProductNameLink, ProductThumbLink } from '../../checkout/product-line-links';
import { formatDate } from '../../i18n/format';
import { EmptyWithShopLink } from '../../ui/empty-with-shop-link';
import { PageHeading } from '../../ui/page';
import { Price } from '../../ui/price';
import { QueryError } from '../../ui/query-error';
import { RowsLoading } from '../../ui/rows-loading';
import { StockBadge } from '../../ui/stock-badge';
import { useToast } from '../../ui/toast';
import { wishlistPageText } from '../../wishlist/page-messages';

/** /account/wishlist: the products the customer keeps, newest first, each with its price and stock now. */
export function WishlistPage() {
  const t = useMessages(wishlistPageText);
  const wishlist = useWishlist();

  if (wishlist.isError)
    return (
      <>
        <PageHeading title={t.title} />
        <QueryError title={t.loadFailed} retry={wishlist.refetch} />
      </>
    );

  // No list yet, or none (null) while the session is being read again after a sign-in or sign-out.
  if (!wishlist.data)
    return (
      <>
        <PageHeading title={t.title} />
        <RowsLoading label={t.loading} rowClassName="h-28 rounded-card" />
      </>
    );
  const { items, total, limit } = wishlist.data;
  if (total === 0)
    return (
      <>
        <PageHeading title={t.title} />
        <EmptyWithShopLink title={t.empty} icon={Heart} text={t.emptyText} linkLabel={t.startShopping} />
      </>
    );
  return (
    <>
      <PageHeading title={t.title}>
        <p className="text-sm text-muted">{t.count(total, limit)}</p>
      </PageHeading>
      <ul className="divide-y divide-line rounded-card border border-line bg-surface px-4 shadow-sm sm:px-5">
        {items.map((item) => (
          <WishlistRow key={item.productId} item={item} />
        ))}
      </ul>
    </>
  );
}

function WishlistRow({ item }: { item: WishlistItem }) {
  const t = useMessages(wishlistPageText);
  const { locale } = useLocale();
  const cart = useAddToCartWithFeedback();
  const remove = useRemoveFromWishlist();
  const notify = useToast();
  const href = `/products/${item.slug}`;
  const buyable = item.availability === 'in_stock' || item.availability === 'low_stock';
  const product = { id: item.productId, name: item.name };

  return (
    <li className="flex gap-3 py-4 sm:gap-4" aria-busy={remove.isPending || undefined}>
      <ProductThumbLink
        href={href}
        src={item.imageUrl}
        alt={item.name}
        className={buyable ? 'size-20 sm:size-24' : 'size-20 opacity-60 sm:size-24'}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1.5">
          <ProductNameLink href={href} name={item.name} />
          <Price cents={item.price.usdCents} khr={item.price.khr} wasCents={item.compareAtCents} size="sm" />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
            {item.availability === 'unavailable' ? (
              <Badge>{t.unavailable}</Badge>
            ) : (
              <StockBadge availability={item.availability} />
            )}
            <span>{t.added(formatDate(item.addedAt, locale))}</span>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 sm:shrink-0 sm:flex-col sm:items-stretch">
          {buyable && (
            <Button
              size="sm"
              busy={cart.busy}
              aria-label={t.addNameToCart(item.name)}
              onClick={() => cart.addProduct(product, 1)}
            >
              <ShoppingCart className="size-4" aria-hidden="true" />
              {t.addToCart}
            </Button>
          )}
          {item.availability === 'out_of_stock' && (
            <Link
              to={`${href}#stock-alert-title`}
              className="inline-flex h-8 items-center gap-1.5 rounded-lg border border-line bg-white px-3 text-sm font-medium text-ink hover:bg-slate-50"
            >
              <BellRing className="size-4 text-amber-600" aria-hidden="true" />
              {t.notifyMe}
            </Link>
          )}
          <Button
            variant="ghost"
            size="sm"
            className="text-muted hover:text-red-700"
            aria-label={t.removeName(item.name)}
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(item.productId, {
                onError: () => notify({ tone: 'error', title: t.failed }),
              })
            }
          >
            <Trash2 className="size-4" aria-hidden="true" />
            {t.remove}
          </Button>
        </div>
      </div>
    </li>
  );
}
