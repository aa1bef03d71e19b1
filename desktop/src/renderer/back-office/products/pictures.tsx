import type { ProductDetail } from '@shop/shared';
import { Button, FormAlert, useMessages } from '@shop/ui';
import { useState } from 'react';
import { api, problemOf } from '../api';
import { ProductPicture } from './product-picture';
import { productTexts } from './texts';

/**
 * A product's pictures (admins): add one, put them in order (the first is the main one, in the web shop too),
 * delete one. Each change answers the product's new picture list.
 */
export function Pictures({
  product,
  onChanged,
}: {
  product: Pick<ProductDetail, 'id' | 'name' | 'images'>;
  onChanged: () => void;
}) {
  const t = useMessages(productTexts);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const images = product.images.filter((image) => image.id);
  const ids = images.map((image) => image.id!);

  const change = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      onChanged();
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const move = (from: number, to: number) => {
    const next = [...ids];
    [next[from], next[to]] = [next[to]!, next[from]!];
    return change(() => api.orderProductImages({ params: { id: product.id }, body: { imageIds: next } }));
  };

  return (
    <section className="space-y-3 rounded-card border border-line bg-white p-4" aria-label={t.pictures}>
      <h2 className="text-lg font-semibold">{t.pictures}</h2>
      {problem && <FormAlert>{problem}</FormAlert>}
      {images.length === 0 ? (
        <p className="text-muted">{t.noPictures}</p>
      ) : (
        <ol className="flex flex-wrap gap-3">
          {images.map((image, at) => (
            <li key={image.id} className="flex flex-col items-center gap-1" data-testid="product-picture">
              <ProductPicture
                productId={product.id}
                imageId={image.id}
                width="480"
                alt={image.alt}
                className="h-28 w-28"
              />
              <span className="flex gap-1">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t.moveEarlier}
                  disabled={busy || at === 0}
                  onClick={() => void move(at, at - 1)}
                >
                  ←
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t.moveLater}
                  disabled={busy || at === images.length - 1}
                  onClick={() => void move(at, at + 1)}
                >
                  →
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t.deletePicture}
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t.confirmDelete))
                      void change(() =>
                        api.deleteProductImage({ params: { id: product.id, imageId: image.id! } }),
                      );
                  }}
                >
                  ✕
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="space-y-1">
        {/* The browser's own file button speaks the system's language; this one speaks the screen's. */}
        <label
          className={`inline-flex h-11 cursor-pointer items-center rounded-lg border border-line bg-white px-4 font-semibold text-ink hover:bg-slate-50 focus-within:ring-2 focus-within:ring-brand-200 ${busy ? 'pointer-events-none opacity-60' : ''}`}
        >
          {t.addPicture}
          <input
            type="file"
            className="sr-only"
            accept="image/jpeg,image/png,image/webp"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file)
                void change(() =>
                  api.uploadProductImage({ params: { id: product.id }, body: {}, file, fileName: file.name }),
                );
            }}
          />
        </label>
        <p className="text-sm text-muted">{t.pictureHint}</p>
      </div>
    </section>
  );
}
