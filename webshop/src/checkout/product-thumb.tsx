import { cn } from '@shop/ui';
import { ImageOff } from 'lucide-react';

/**
 * A product's picture in a fixed square box (`className` sets its size, default 5 rem): nothing moves when it loads,
 * and a missing picture keeps the box.
 */
export function ProductThumb({
  src,
  alt,
  className,
}: {
  src: string | null;
  alt: string;
  className?: string;
}) {
  return (
    <div
      className={cn(
        'grid shrink-0 place-items-center overflow-hidden rounded-lg border border-line bg-white',
        className ?? 'size-20',
      )}
    >
      {src ? (
        <img
          src={src}
          alt={alt}
          width={160}
          height={160}
          loading="lazy"
          decoding="async"
          className="size-full object-contain p-1"
        />
      ) : (
        <ImageOff className="size-6 text-slate-300" aria-hidden="true" />
      )}
    </div>
  );
}
