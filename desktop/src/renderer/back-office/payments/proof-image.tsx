import { Skeleton, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { api, problemOf } from '../api';
import { useBlobUrl } from '../orders/blob-url';
import { paymentTexts } from './texts';

/**
 * A payment screenshot. Pictures live outside the API for the web shop (/files/…), which the core does not carry;
 * screenshots have their own API route for the order's customer and staff (GET /payment-proofs/:id/image, re-encoded
 * without metadata), so the back office asks for it like any other request, with its session, and shows the Blob.
 */
export function ProofImage({
  proofId,
  alt,
  className,
}: {
  proofId: string;
  alt: string;
  className?: string;
}) {
  const t = useMessages(paymentTexts);
  const image = useQuery({
    queryKey: ['proof-image', proofId],
    queryFn: () => api.getPaymentProofImage({ params: { id: proofId } }),
    // The picture never changes once sent.
    staleTime: Infinity,
  });
  const url = useBlobUrl(image.data);
  if (image.isError) return <p className="text-sm text-red-700">{t.imageFailed(problemOf(image.error))}</p>;
  if (!url) return <Skeleton className={className ?? 'h-64 w-40'} />;
  return (
    <a href={url} target="_blank" rel="noreferrer" title={t.openFull}>
      <img
        src={url}
        alt={alt}
        className={className ?? 'max-h-96 rounded-lg border border-line object-contain'}
      />
    </a>
  );
}
