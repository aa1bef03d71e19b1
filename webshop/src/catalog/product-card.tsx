import { cn, Skeleton, useMessages } from '@shop/ui';
import type { ProductSummary } from '@shop/shared';
import { Link } from 'react-router';
import { Price } from '../ui/price';
import { StockBadge } from '../ui/stock-badge';
import { QuickAddButton } from './add-to-cart';
import { WishlistHeart } from '../wishlist/heart-toggle';
import { CompareToggle } from './compare-toggle';
import { cardText } from './card-messages';
import { discountPercent, useKeySpecs } from './names';
import { ProductImage } from './product-image';
import { usePromotedPrice } from '../api/promotions';

interface ProductCardProps {
  product: ProductSummary;
  /** The first row is likely on screen at once: load its pictures right away. */
  eager?: boolean;
  className?: string;
}

/**
 * A product in a list. The whole card opens the product (the name's link is stretched over it); the cart and
 * compare controls sit above that link.
 */
export function ProductCard({ product: listed, eager = false, className }: ProductCardProps) {
  const t = useMessages(cardText);
  // Priced with the shop's promotions, as the cart will charge it.
  const product = usePromotedPrice()(listed);
  const keySpecs = useKeySpecs()(product);
  const discount = discountPercent(product);
  const soldOut = product.availability === 'out_of_stock';
  return (
    <article
      data-product-card
      className={cn(
        'group relative flex h-full flex-col overflow-hidden rounded-card border border-line bg-surface shadow-sm transition-shadow',
        'hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-500',
        className,
      )}
    >
      <div className="relative border-b border-line/60">
        <ProductImage
          src={product.imageUrl}
          alt=""
          eager={eager}
          imgClassName={cn(
            'p-3 transition-transform duration-300 group-hover:scale-[1.03]',
            soldOut && 'opacity-60',
          )}
        />
        <WishlistHeart product={product} variant="round" className="absolute top-2 right-2 z-10" />
        {discount > 0 && (
          <span
            className="absolute top-2 left-2 rounded-md bg-accent-500 px-2 py-0.5 text-xs font-bold text-white shadow-sm"
            aria-label={t.percentOffLabel(discount)}
          >
            {t.percentOff(discount)}
          </span>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <p className="truncate text-xs font-medium tracking-wide text-muted uppercase">
          {product.brand.name}
        </p>
        {/* Three lines on every card: models of one series differ at the end of their names ("… Core Ultra 7"),
            which two lines cut off on a laptop's four-column grid too. */}
        <h3 className="line-clamp-3 min-h-[3lh] text-sm leading-snug font-semibold" title={product.name}>
          <Link
            to={`/products/${product.slug}`}
            className="outline-none after:absolute after:inset-0 after:content-[''] hover:text-brand-700"
          >
            {product.name}
          </Link>
        </h3>
        {keySpecs.length > 0 && (
          <ul aria-label={t.keySpecs} className="text-xs leading-snug text-muted">
            {keySpecs.map((spec) => (
              <li key={spec} className="truncate" title={spec}>
                {spec}
              </li>
            ))}
          </ul>
        )}
        <Price cents={product.priceCents} wasCents={product.compareAtCents} size="sm" className="mt-1" />
        {product.promotionName && (
          <p
            data-promotion
            className="truncate text-xs font-semibold text-accent-600"
            title={product.promotionName}
          >
            {product.promotionName}
          </p>
        )}
        <div>
          <StockBadge availability={product.availability} />
        </div>
        <div className="mt-auto flex items-center justify-between gap-2 pt-2">
          <CompareToggle product={product} compact className="relative z-10 min-w-0" />
          <QuickAddButton product={product} className="relative z-10" />
        </div>
      </div>
    </article>
  );
}

/** The place of a card while the list loads: the same box sizes, so the cards land without moving anything. */
export function ProductCardSkeleton() {
  return (
    <div className="flex h-full flex-col overflow-hidden rounded-card border border-line bg-surface shadow-sm">
      <div className="aspect-square border-b border-line/60 p-6">
        <Skeleton className="size-full rounded-lg" />
      </div>
      <div className="flex flex-1 flex-col gap-2 p-3">
        <Skeleton className="h-3 w-1/3" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-3 w-3/4" />
        <Skeleton className="mt-1 h-5 w-1/2" />
        <Skeleton className="h-5 w-20 rounded-full" />
        <div className="mt-auto flex items-center justify-between pt-2">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="size-10 rounded-lg" />
        </div>
      </div>
    </div>
  );
}
