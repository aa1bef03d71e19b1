import { cn, Spinner, useMessages } from '@shop/ui';
import type { ProductSummary } from '@shop/shared';
import { ShoppingCart } from 'lucide-react';
import { useAddToCart } from '../api/cart';
import { isApiError } from '../api/client';
import { common } from '../i18n/common';
import { useToast } from '../ui/toast';
import { cardText } from './card-messages';

type Texts = typeof cardText.en;

/** Why the cart refused, in the customer's language (the server's own message is English). */
export function addToCartError(error: unknown, t: Texts, c: typeof common.en): string {
  if (isApiError(error, 404)) return t.noLongerSold;
  if (isApiError(error)) {
    const limit = /at most (\d+)/.exec(error.fields.quantity ?? error.fields['body.quantity'] ?? '');
    if (isApiError(error, 409)) return t.onlyLeft(limit ? Number(limit[1]) : 0);
    if (limit) return t.atMost(Number(limit[1]));
    return c.somethingWrong;
  }
  return c.offline;
}

/**
 * Adds to the cart and says so: a toast on success (the header's cart count changes too), and the reason when the
 * cart refused, as a toast unless the caller shows it itself.
 */
export function useAddToCartWithFeedback() {
  const add = useAddToCart();
  const notify = useToast();
  const t = useMessages(cardText);
  const c = useMessages(common);

  const addProduct = (
    product: Pick<ProductSummary, 'id' | 'name'>,
    quantity: number,
    options: { toastErrors?: boolean } = {},
  ) =>
    add.mutate(
      { productId: product.id, quantity },
      {
        onSuccess: () =>
          notify({
            title: t.added,
            description: t.addedText(quantity, product.name),
            action: { label: t.viewCart, to: '/cart' },
          }),
        onError: (error) => {
          if (options.toastErrors ?? true)
            notify({ tone: 'error', title: t.addFailed, description: addToCartError(error, t, c) });
        },
      },
    );
  return {
    addProduct,
    busy: add.isPending,
    error: add.error ? addToCartError(add.error, t, c) : null,
    succeeded: add.isSuccess,
    reset: add.reset,
  };
}

/** The small cart button on a product card. */
export function QuickAddButton({ product, className }: { product: ProductSummary; className?: string }) {
  const t = useMessages(cardText);
  const { addProduct, busy } = useAddToCartWithFeedback();
  const soldOut = product.availability === 'out_of_stock';
  return (
    <button
      type="button"
      onClick={() => addProduct(product, 1)}
      disabled={soldOut || busy}
      aria-busy={busy || undefined}
      aria-label={t.addNameToCart(product.name)}
      title={t.addToCart}
      className={cn(
        'inline-flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-600 text-white transition-colors hover:bg-brand-700',
        'disabled:cursor-not-allowed disabled:bg-slate-200 disabled:text-slate-400',
        className,
      )}
    >
      {busy ? <Spinner className="size-4" /> : <ShoppingCart className="size-5" aria-hidden="true" />}
    </button>
  );
}
