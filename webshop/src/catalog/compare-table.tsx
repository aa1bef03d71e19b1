import { Button, cn, useMessages } from '@shop/ui';
import type { ProductDetail } from '@shop/shared';
import { MoveHorizontal, ShoppingCart, X } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Link } from 'react-router';
import { common } from '../i18n/common';
import { Price } from '../ui/price';
import { StockBadge } from '../ui/stock-badge';
import { useAddToCartWithFeedback } from './add-to-cart';
import { catalogText } from './messages';
import { LocalText } from './local-text';
import { ProductImage } from './product-image';
import { usePromotedPrice } from '../api/promotions';

interface Row {
  key: string;
  label: ReactNode;
  /** What is compared to tell whether the products differ on this row. */
  values: string[];
  cells: ReactNode[];
}

/** Rows of the comparison: price, availability, warranty, brand, then every specification any of them has. */
function useRows(listed: ProductDetail[]): Row[] {
  const t = useMessages(catalogText);
  // Prices as the cart would charge them (promotions too).
  const promoted = usePromotedPrice();
  const products = listed.map(promoted);
  const c = useMessages(common);
  const rows: Row[] = [
    {
      key: 'price',
      label: t.priceLabel,
      values: products.map((p) => String(p.priceCents)),
      cells: products.map((p) => (
        <Price key={p.id} cents={p.priceCents} wasCents={p.compareAtCents} size="sm" />
      )),
    },
    {
      key: 'availability',
      label: t.availability,
      values: products.map((p) => p.availability),
      cells: products.map((p) => <StockBadge key={p.id} availability={p.availability} />),
    },
    {
      key: 'warranty',
      label: t.warranty,
      values: products.map((p) => String(p.warrantyMonths)),
      cells: products.map((p) => c.warrantyMonths(p.warrantyMonths)),
    },
    {
      key: 'brand',
      label: t.brandLabel,
      values: products.map((p) => p.brand.name),
      cells: products.map((p) => p.brand.name),
    },
  ];
  // Spec keys in the order the products list them, the first product's first.
  const keys = [...new Set(products.flatMap((p) => p.specs.map((s) => s.key)))];
  for (const key of keys) {
    const specs = products.map((p) => p.specs.find((s) => s.key === key));
    const first = specs.find((s) => s)!;
    rows.push({
      key: `spec:${key}`,
      label: <LocalText en={first.label} km={first.labelKm} />,
      values: specs.map((s) => (s ? s.display : '—')),
      cells: specs.map((s) => (s ? <LocalText en={s.display} km={s.displayKm} /> : '—')),
    });
  }
  return rows;
}

/**
 * Products side by side: one column each, one row per attribute. Rows where the products differ are marked (and
 * can be the only ones shown); the attribute column stays in view while a phone scrolls sideways.
 */
export function CompareTable({
  products,
  onlyDifferences,
  onRemove,
}: {
  products: ProductDetail[];
  onlyDifferences: boolean;
  onRemove: (id: string) => void;
}) {
  const t = useMessages(catalogText);
  const rows = useRows(products);
  const differs = (row: Row) => new Set(row.values).size > 1;
  const shown = onlyDifferences && products.length > 1 ? rows.filter(differs) : rows;
  const labelCell = 'sticky left-0 z-10 w-32 px-3 text-left align-top sm:w-48 sm:px-4';
  const scroller = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(scroller);

  return (
    <>
      {scrolls && (
        <p data-testid="compare-scroll-hint" className="mb-2 flex items-center gap-1.5 text-sm text-muted">
          <MoveHorizontal className="size-4 shrink-0" aria-hidden="true" />
          {t.compareScrolls}
        </p>
      )}
      <div ref={scroller} className="overflow-x-auto rounded-card border border-line bg-white shadow-sm">
        <table
          className="w-full table-fixed border-collapse text-sm"
          style={{ minWidth: `calc(8rem + ${products.length} * 7.25rem)` }}
        >
          <caption className="sr-only">{t.specsSideBySide}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className={cn(labelCell, 'bg-white py-3 text-xs font-medium text-muted')}>
                <span className="sr-only">{t.product}</span>
              </th>
              {products.map((product) => (
                <th
                  key={product.id}
                  scope="col"
                  className="px-2 py-3 text-left align-top font-normal sm:px-4"
                >
                  <ProductColumnHead product={product} onRemove={() => onRemove(product.id)} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const different = products.length > 1 && differs(row);
              return (
                <tr
                  key={row.key}
                  className={cn('border-b border-line last:border-0', different && 'bg-amber-50')}
                >
                  <th
                    scope="row"
                    className={cn(
                      labelCell,
                      'py-2.5 font-medium text-muted',
                      different ? 'bg-amber-50' : 'bg-white',
                    )}
                  >
                    <span className="flex items-start gap-1.5">
                      {different && (
                        <span
                          className="mt-1.5 size-2 shrink-0 rounded-full bg-amber-500"
                          aria-hidden="true"
                        />
                      )}
                      {/* Khmer labels have no spaces to break at: break anywhere rather than run into the values. */}
                      <span className="min-w-0 [overflow-wrap:anywhere]">
                        {row.label}
                        {different && <span className="sr-only"> ({t.differs})</span>}
                      </span>
                    </span>
                  </th>
                  {row.cells.map((cell, index) => (
                    <td
                      key={products[index]!.id}
                      className="px-2 py-2.5 align-top font-medium break-words sm:px-4"
                    >
                      {cell}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Whether the table is wider than its box (a phone with three or four products): the page then says it scrolls. */
function useScrollsSideways(box: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [box]);
  return scrolls;
}

function ProductColumnHead({ product, onRemove }: { product: ProductDetail; onRemove: () => void }) {
  const t = useMessages(catalogText);
  const cart = useAddToCartWithFeedback();
  const soldOut = product.availability === 'out_of_stock';
  return (
    <div className="relative flex h-full flex-col gap-2">
      <button
        type="button"
        onClick={onRemove}
        aria-label={t.removeFromCompare(product.name)}
        className="absolute -top-1 -right-1 z-10 grid size-8 place-items-center rounded-full bg-white text-muted shadow-sm ring-1 ring-line hover:bg-red-50 hover:text-red-700"
      >
        <X className="size-4" aria-hidden="true" />
      </button>
      <Link to={`/products/${product.slug}`} className="group block">
        <ProductImage
          src={product.imageUrl}
          alt=""
          eager
          className="mx-auto w-24 rounded-lg sm:w-32"
          imgClassName="p-1"
        />
        <span className="mt-2 line-clamp-3 font-semibold text-ink group-hover:text-brand-700">
          {product.name}
        </span>
      </Link>
      <Button
        size="sm"
        variant="accent"
        className="mt-auto w-full px-2"
        disabled={soldOut}
        busy={cart.busy}
        onClick={() => cart.addProduct(product, 1)}
        aria-label={t.addNameToCart(product.name)}
      >
        <ShoppingCart className="size-4" aria-hidden="true" />
        <span className="truncate max-sm:sr-only">{t.addToCart}</span>
      </Button>
    </div>
  );
}
