import { cn, useMessages } from '@shop/ui';
import { ImageOff } from 'lucide-react';
import { cardText } from './card-messages';

interface ProductImageProps {
  src: string | null;
  alt: string;
  /** Above the fold (the first cards, the product's main picture): load at once instead of when scrolled to. */
  eager?: boolean;
  /** Smaller copies by width (uploaded pictures have them), for the browser to pick from. */
  thumbnails?: Record<string, string>;
  sizes?: string;
  className?: string;
  imgClassName?: string;
}

/**
 * A product picture in a square box that holds its place before the picture arrives, so nothing below it moves.
 * Shop pictures are square; others are fitted inside without cropping.
 */
export function ProductImage({
  src,
  alt,
  eager = false,
  thumbnails,
  sizes,
  className,
  imgClassName,
}: ProductImageProps) {
  const t = useMessages(cardText);
  const srcSet = thumbnails
    ? Object.entries(thumbnails)
        .map(([width, url]) => `${url} ${width}w`)
        .join(', ')
    : undefined;
  return (
    <div className={cn('relative aspect-square overflow-hidden bg-white', className)}>
      {src ? (
        <img
          src={src}
          srcSet={srcSet ? `${srcSet}, ${src} 960w` : undefined}
          sizes={srcSet ? sizes : undefined}
          alt={alt}
          width={800}
          height={800}
          loading={eager ? 'eager' : 'lazy'}
          fetchPriority={eager ? 'high' : undefined}
          decoding="async"
          className={cn('absolute inset-0 size-full object-contain', imgClassName)}
        />
      ) : (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-slate-50 text-slate-400">
          <ImageOff className="size-8" aria-hidden="true" />
          <span className="text-xs">{t.noPicture}</span>
        </div>
      )}
    </div>
  );
}
