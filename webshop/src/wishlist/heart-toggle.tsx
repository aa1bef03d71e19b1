import { cn, useMessages } from '@shop/ui';
import { wishlistLimit } from '@shop/shared';
import { Heart } from 'lucide-react';
import { isApiError } from '../api/client';
import { useMe } from '../api/session';
import { useAddToWishlist, useRemoveFromWishlist, useWishlist } from '../api/wishlist';
import { common } from '../i18n/common';
import { useToast } from '../ui/toast';
import { forgetLocally, keepLocally, useLocalWishlist } from './local-list';
import { wishlistText } from './messages';

/** The products on the wishlist: the account's once signed in, this browser's before. */
export function useWishlistIds(): ReadonlySet<string> {
  const me = useMe();
  const wishlist = useWishlist();
  const local = useLocalWishlist();
  if (me.data) return new Set(wishlist.data?.items.map((item) => item.productId));
  return new Set(local);
}

/** Keeps a product or lets it go; the heart changes at once and the reason is told when the server refuses. */
export function useWishlistToggle(product: { id: string; name: string }) {
  const t = useMessages(wishlistText);
  const c = useMessages(common);
  const me = useMe();
  const saved = useWishlistIds().has(product.id);
  const add = useAddToWishlist();
  const remove = useRemoveFromWishlist();
  const notify = useToast();
  const busy = add.isPending || remove.isPending;

  const confirmSaved = (signedIn: boolean) =>
    notify({
      title: t.saved,
      description: signedIn ? t.savedText(product.name) : `${t.savedText(product.name)} ${t.savedLocally}`,
      ...(signedIn && { action: { label: t.viewWishlist, to: '/account/wishlist' } }),
    });
  const failed = (error: unknown) => {
    if (isApiError(error, 409))
      return notify({ tone: 'info', title: t.full, description: t.fullText(wishlistLimit) });
    const description = isApiError(error, 404)
      ? t.noLongerSold
      : isApiError(error)
        ? c.somethingWrong
        : c.offline;
    notify({ tone: 'error', title: t.failed, description });
  };

  const toggle = () => {
    if (busy) return;
    if (!me.data) {
      if (saved) return forgetLocally([product.id]);
      if (!keepLocally(product.id))
        return notify({ tone: 'info', title: t.full, description: t.fullText(wishlistLimit) });
      return confirmSaved(false);
    }
    if (saved) remove.mutate(product.id, { onError: failed });
    else add.mutate(product.id, { onSuccess: () => confirmSaved(true), onError: failed });
  };
  // Shown as it will be while the server is asked, so the heart answers the tap at once.
  const pressed = add.isPending ? true : remove.isPending ? false : saved;
  return { saved: pressed, toggle, busy };
}

/**
 * The heart on product cards (`round`, over the picture) and on the product page (with its word). A toggle button:
 * `aria-pressed` says whether the product is kept, the label names the product.
 */
export function WishlistHeart({
  product,
  variant,
  className,
}: {
  product: { id: string; name: string };
  variant: 'round' | 'labelled';
  className?: string;
}) {
  const t = useMessages(wishlistText);
  const { saved, toggle, busy } = useWishlistToggle(product);
  const icon = (
    <Heart
      className={cn('size-5 transition-colors', saved ? 'fill-rose-500 text-rose-500' : 'text-slate-500')}
      aria-hidden="true"
    />
  );
  if (variant === 'round')
    return (
      <button
        type="button"
        aria-pressed={saved}
        aria-label={t.save(product.name)}
        title={t.wishlist}
        aria-busy={busy || undefined}
        onClick={toggle}
        className={cn(
          'grid size-10 place-items-center rounded-full bg-white/90 shadow-sm ring-1 ring-line transition-colors hover:bg-white',
          'focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none',
          className,
        )}
      >
        {icon}
      </button>
    );
  return (
    <button
      type="button"
      aria-pressed={saved}
      aria-busy={busy || undefined}
      onClick={toggle}
      className={cn(
        'inline-flex items-center gap-2 rounded-md py-1 text-sm select-none',
        saved ? 'font-semibold text-rose-700' : 'text-muted hover:text-ink',
        'focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none',
        className,
      )}
    >
      {icon}
      <span>
        {t.wishlist}
        <span className="sr-only"> {product.name}</span>
      </span>
    </button>
  );
}
