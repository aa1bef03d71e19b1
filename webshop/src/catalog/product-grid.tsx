import { cn } from '@shop/ui';
import type { ProductSummary } from '@shop/shared';
import { Link } from 'react-router';
import { ProductCard, ProductCardSkeleton } from './product-card';

const gridColumns = 'grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-3 xl:grid-cols-4';

/**
 * Products in a grid; skeleton cards hold the places while the first answer loads. `busy` dims the previous
 * results while the next ones load, so the page does not flash empty between filters.
 */
export function ProductGrid({
  products,
  skeletons = 12,
  busy = false,
  eagerCount = 4,
  className,
}: {
  products: ProductSummary[] | undefined;
  skeletons?: number;
  busy?: boolean;
  eagerCount?: number;
  className?: string;
}) {
  return (
    <ul
      className={cn(gridColumns, 'transition-opacity', busy && 'opacity-60', className)}
      aria-busy={busy || !products || undefined}
    >
      {products
        ? products.map((product, index) => (
            <li key={product.id}>
              <ProductCard product={product} eager={index < eagerCount} />
            </li>
          ))
        : Array.from({ length: skeletons }, (_, index) => (
            <li key={index}>
              <ProductCardSkeleton />
            </li>
          ))}
    </ul>
  );
}

/**
 * A titled row of products (home page, related products): a swipeable strip on phones, a grid from tablets up.
 */
export function ProductRow({
  id,
  title,
  subtitle,
  link,
  products,
  count = 8,
}: {
  id?: string;
  title: string;
  subtitle?: string;
  link?: { to: string; label: string };
  products: ProductSummary[] | undefined;
  count?: number;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section id={id} aria-labelledby={headingId} className="scroll-mt-28">
      <div className="mb-4 flex items-end justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-xl font-bold tracking-tight sm:text-2xl">
            {title}
          </h2>
          {subtitle && <p className="mt-1 text-sm text-muted">{subtitle}</p>}
        </div>
        {link && (
          <Link to={link.to} className="shrink-0 text-sm font-semibold text-brand-700 hover:underline">
            {link.label} <span aria-hidden="true">→</span>
          </Link>
        )}
      </div>
      <ul
        className="-mx-3 flex snap-x snap-mandatory gap-3 overflow-x-auto scroll-px-3 px-3 pb-2 sm:mx-0 sm:grid sm:grid-cols-4 sm:gap-4 sm:overflow-visible sm:px-0 sm:pb-0"
        aria-busy={!products || undefined}
      >
        {(products ?? Array.from({ length: count }, () => null)).slice(0, count).map((product, index) => (
          <li key={product?.id ?? index} className="w-[44%] shrink-0 snap-start sm:w-auto">
            {product ? <ProductCard product={product} /> : <ProductCardSkeleton />}
          </li>
        ))}
      </ul>
    </section>
  );
}
