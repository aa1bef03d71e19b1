import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { api } from '../api';

/**
 * A product picture in the back office. The server serves pictures under /files/…, which the core does not carry
 * (it sends /api/v1 requests only), so the picture comes through the staff route getProductImageFile as a blob.
 */
export function ProductPicture({
  productId,
  imageId,
  width = '160',
  alt,
  className = 'h-12 w-12',
}: {
  productId: string;
  imageId: string | null | undefined;
  width?: '160' | '480' | '960';
  alt: string;
  className?: string;
}) {
  const file = useQuery({
    queryKey: ['product-picture', productId, imageId, width],
    queryFn: () =>
      api.getProductImageFile({
        params: { id: productId, imageId: imageId! },
        query: { width },
      }) as Promise<Blob>,
    enabled: Boolean(imageId),
    // A picture's id is its content: it never changes under the same id.
    staleTime: Number.POSITIVE_INFINITY,
  });
  const url = useMemo(() => (file.data ? URL.createObjectURL(file.data) : null), [file.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url ? (
    <img src={url} alt={alt} className={`${className} rounded border border-line bg-white object-contain`} />
  ) : (
    <span className={`${className} inline-block rounded border border-dashed border-line bg-slate-50`} />
  );
}
