import { cn, useMessages } from '@shop/ui';
import type { ProductImage as Picture } from '@shop/shared';
import { ChevronLeft, ChevronRight, X, ZoomIn } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { common } from '../i18n/common';
import { catalogText } from './messages';
import { ProductImage } from './product-image';

/**
 * The product's pictures: the chosen one large (a click opens it full screen, where a second click zooms in on
 * the spot clicked), the others as thumbnails below.
 */
export function ProductGallery({ images, name }: { images: Picture[]; name: string }) {
  const t = useMessages(catalogText);
  const [index, setIndex] = useState(0);
  const [open, setOpen] = useState(false);
  const current = images[Math.min(index, images.length - 1)];

  if (!current) return <ProductImage src={null} alt="" className="rounded-card border border-line" />;
  return (
    <div>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="group relative block w-full cursor-zoom-in overflow-hidden rounded-card border border-line bg-white"
      >
        <span className="sr-only">{t.enlarge}</span>
        <ProductImage
          src={current.url}
          alt={current.alt || name}
          thumbnails={current.thumbnails}
          sizes="(min-width: 1024px) 36rem, 100vw"
          eager
          imgClassName="p-4 sm:p-8"
        />
        <span
          aria-hidden="true"
          className="absolute right-3 bottom-3 grid size-10 place-items-center rounded-full bg-white/90 text-ink shadow ring-1 ring-line transition group-hover:bg-brand-600 group-hover:text-white"
        >
          <ZoomIn className="size-5" />
        </span>
      </button>
      {images.length > 1 && (
        <Thumbnails images={images} index={index} onSelect={setIndex} label={t.pictures} className="mt-3" />
      )}
      <Lightbox
        open={open}
        onOpenChange={setOpen}
        images={images}
        index={index}
        onIndexChange={setIndex}
        name={name}
      />
    </div>
  );
}

function Thumbnails({
  images,
  index,
  onSelect,
  label,
  className,
  dark = false,
}: {
  images: Picture[];
  index: number;
  onSelect: (index: number) => void;
  label: string;
  className?: string;
  dark?: boolean;
}) {
  const t = useMessages(catalogText);
  return (
    <ul aria-label={label} className={cn('flex gap-2 overflow-x-auto p-0.5', className)}>
      {images.map((image, i) => (
        <li key={image.id ?? image.url} className="shrink-0">
          <button
            type="button"
            onClick={() => onSelect(i)}
            aria-label={t.pictureOf(i + 1, images.length)}
            aria-current={i === index || undefined}
            className={cn(
              'block size-16 overflow-hidden rounded-lg border-2 bg-white sm:size-20',
              i === index ? 'border-brand-600' : dark ? 'border-transparent opacity-70' : 'border-line',
            )}
          >
            <img
              src={image.thumbnails?.['160'] ?? image.url}
              alt=""
              width={80}
              height={80}
              loading="lazy"
              className="size-full object-contain p-1"
            />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Lightbox({
  open,
  onOpenChange,
  images,
  index,
  onIndexChange,
  name,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  images: Picture[];
  index: number;
  onIndexChange: (index: number) => void;
  name: string;
}) {
  const t = useMessages(catalogText);
  const c = useMessages(common);
  const [zoom, setZoom] = useState<{ x: number; y: number } | null>(null);
  const image = images[index]!;
  const many = images.length > 1;

  const go = (step: number) => {
    setZoom(null);
    onIndexChange((index + step + images.length) % images.length);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!many) return;
    if (event.key === 'ArrowRight') go(1);
    if (event.key === 'ArrowLeft') go(-1);
  };
  const spot = (event: MouseEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) / box.width) * 100,
      y: ((event.clientY - box.top) / box.height) * 100,
    };
  };
  const navButton =
    'absolute top-1/2 z-10 grid size-11 -translate-y-1/2 place-items-center rounded-full bg-white/90 text-ink shadow hover:bg-white';

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setZoom(null);
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/90" />
        <Dialog.Content
          onKeyDown={onKeyDown}
          className="fixed inset-0 z-50 flex flex-col p-3 text-white focus:outline-none sm:p-6"
        >
          <div className="flex items-center justify-between gap-4">
            <Dialog.Title className="min-w-0 truncate text-sm font-semibold sm:text-base">
              {name}
            </Dialog.Title>
            <Dialog.Description className="sr-only">
              {t.pictureOf(index + 1, images.length)}
            </Dialog.Description>
            <Dialog.Close
              aria-label={c.close}
              className="grid size-11 shrink-0 place-items-center rounded-full bg-white/10 hover:bg-white/20"
            >
              <X className="size-6" aria-hidden="true" />
            </Dialog.Close>
          </div>
          <div className="relative my-3 flex min-h-0 flex-1 items-center justify-center">
            {many && (
              <button
                type="button"
                onClick={() => go(-1)}
                aria-label={t.previousPicture}
                className={cn(navButton, 'left-0')}
              >
                <ChevronLeft className="size-6" aria-hidden="true" />
              </button>
            )}
            <button
              type="button"
              aria-label={zoom ? t.zoomOut : t.zoomIn}
              aria-pressed={zoom !== null}
              onClick={(event) => setZoom(zoom ? null : spot(event))}
              onMouseMove={(event) => zoom && setZoom(spot(event))}
              className={cn(
                // Square, as large as the screen allows below the title (and above the thumbnails).
                'relative aspect-square overflow-hidden rounded-card bg-white',
                many ? 'w-[min(100%,calc(100dvh-13rem))]' : 'w-[min(100%,calc(100dvh-7rem))]',
                zoom ? 'cursor-zoom-out' : 'cursor-zoom-in',
              )}
            >
              <img
                src={image.url}
                alt={image.alt || name}
                width={800}
                height={800}
                className="size-full object-contain p-4 transition-transform duration-200"
                style={
                  zoom ? { transform: 'scale(2.2)', transformOrigin: `${zoom.x}% ${zoom.y}%` } : undefined
                }
              />
            </button>
            {many && (
              <button
                type="button"
                onClick={() => go(1)}
                aria-label={t.nextPicture}
                className={cn(navButton, 'right-0')}
              >
                <ChevronRight className="size-6" aria-hidden="true" />
              </button>
            )}
          </div>
          {many && (
            <Thumbnails
              images={images}
              index={index}
              onSelect={(i) => {
                setZoom(null);
                onIndexChange(i);
              }}
              label={t.pictures}
              className="justify-center"
              dark
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
