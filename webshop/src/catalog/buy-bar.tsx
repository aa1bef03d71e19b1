import { Button, useMessages } from '@shop/ui';
import type { ProductSummary } from '@shop/shared';
import { ShoppingCart } from 'lucide-react';
import { useEffect, useState, type RefObject } from 'react';
import { Price } from '../ui/price';
import { useAddToCartWithFeedback } from './add-to-cart';
import { catalogText } from './messages';

/**
 * A phone's buy bar: while the product's own Add to cart button is not wholly on screen (below the first screen,
 * or scrolled away to read the specs), the price and the button stay at the bottom of the screen. Hidden on wide
 * screens, where the purchase box is beside the picture.
 */
export function StickyBuyBar({
  product,
  watch,
}: {
  product: ProductSummary;
  /** The quantity and Add to cart row: the bar shows while it is not wholly on screen. */
  watch: RefObject<HTMLElement | null>;
}) {
  const t = useMessages(catalogText);
  const cart = useAddToCartWithFeedback();
  const [shown, setShown] = useState(false);

  useEffect(() => {
    const box = watch.current;
    if (!box) return;
    const observer = new IntersectionObserver(([entry]) => setShown(entry!.intersectionRatio < 1), {
      threshold: 1,
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [watch]);

  if (product.availability === 'out_of_stock') return null;
  return (
    <>
      {/* Keeps the end of the page (the footer) clear of the bar. */}
      <div aria-hidden="true" className="h-16 lg:hidden" />
      {shown && (
        <Bar product={product} cart={cart} label={t.addToCart} name={t.addNameToCart(product.name)} />
      )}
    </>
  );
}

function Bar({
  product,
  cart,
  label,
  name,
}: {
  product: ProductSummary;
  cart: ReturnType<typeof useAddToCartWithFeedback>;
  label: string;
  /** The button's accessible name, apart from the purchase box's own "Add to cart". */
  name: string;
}) {
  return (
    <div
      data-testid="buy-bar"
      className="fixed inset-x-0 bottom-0 z-30 flex items-center gap-3 border-t border-line bg-white/95 px-3 py-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] shadow-[0_-6px_16px_rgba(15,23,42,0.08)] backdrop-blur lg:hidden"
    >
      <div className="min-w-0 flex-1">
        <p className="truncate text-xs text-muted" title={product.name}>
          {product.name}
        </p>
        <Price cents={product.priceCents} wasCents={product.compareAtCents} size="sm" />
      </div>
      <Button variant="accent" busy={cart.busy} aria-label={name} onClick={() => cart.addProduct(product, 1)}>
        <ShoppingCart className="size-5" aria-hidden="true" />
        {label}
      </Button>
    </div>
  );
}
