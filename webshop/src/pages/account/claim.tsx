import { Button, EmptyState, LoadingBlock, useLocale, useMessages } from '@shop/ui';
import { formatUsd, type Claim } from '@shop/shared';
import { ArrowLeft } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useAcceptClaimQuote, useMyClaim } from '../../api/claims';
import { formatDate, formatDateTime } from '../../i18n/format';
import { Card, PageHeading } from '../../ui/page';
import { QueryError } from '../../ui/query-error';
import { ClaimStatusBadge } from '../../warranty/claim-status-badge';
import { warrantyText } from '../../warranty/messages';

/** /account/claims/:id: one repair with its steps; an out-of-warranty repair's price to accept. */
export function ClaimPage() {
  const t = useMessages(warrantyText);
  const { id = '' } = useParams();
  const claim = useMyClaim(id);
  const back = (
    <Link
      to="/account/claims"
      className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {t.allClaims}
    </Link>
  );
  if (claim.isPending) return <LoadingBlock label={t.claimLoading} />;
  if (claim.isError)
    return (
      <>
        {back}
        {isApiError(claim.error, 404) ? (
          <EmptyState title={t.claimNotFound}>
            <p>{t.claimNotFoundText}</p>
          </EmptyState>
        ) : (
          <QueryError title={t.claimFailed} retry={claim.refetch} />
        )}
      </>
    );
  return (
    <>
      {back}
      <ClaimDetail claim={claim.data} />
    </>
  );
}

function ClaimDetail({ claim }: { claim: Claim }) {
  const t = useMessages(warrantyText);
  const { locale } = useLocale();
  return (
    <div className="max-w-3xl space-y-5">
      <div>
        <PageHeading title={t.claimTitle(claim.number)} className="mb-2" />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
          <ClaimStatusBadge status={claim.status} />
          <span>{t.openedOn(formatDate(claim.openedAt, locale))}</span>
          {claim.orderNumber && <span>{t.order(claim.orderNumber)}</span>}
        </div>
      </div>
      <Card>
        <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-6 gap-y-3">
          <dt className="text-muted">{t.product}</dt>
          <dd className="font-medium">{claim.product.name}</dd>
          <dt className="text-muted">{t.serial}</dt>
          <dd className="font-mono break-all">{claim.serial}</dd>
          <dt className="text-muted">{t.fault}</dt>
          <dd className="whitespace-pre-wrap">{claim.fault}</dd>
          <dt className="text-muted">{t.accessories}</dt>
          <dd className="whitespace-pre-wrap">{claim.accessories || t.none}</dd>
          <dt className="text-muted">{t.warranty}</dt>
          <dd>{claim.inWarranty ? t.inWarranty : t.outOfWarranty}</dd>
        </dl>
        {claim.replacementSerial && (
          <p className="mt-4 font-medium" data-testid="replacement">
            {t.replacement(claim.replacementSerial)}
          </p>
        )}
        {claim.refusalReason && (
          <div className="mt-4">
            <p className="text-sm font-semibold">{t.refusedBecause}</p>
            <p className="whitespace-pre-wrap">{claim.refusalReason}</p>
          </div>
        )}
      </Card>
      {claim.photos.length > 0 && (
        <Card>
          <h2 className="mb-3 font-semibold">{t.photos}</h2>
          <ul className="flex flex-wrap gap-2">
            {claim.photos.map((photo) => (
              <li key={photo.id}>
                <img
                  src={`/api/v1/claims/${encodeURIComponent(claim.id)}/photos/${encodeURIComponent(photo.id)}`}
                  alt={t.photos}
                  loading="lazy"
                  className="size-28 rounded-lg border border-line object-cover"
                />
              </li>
            ))}
          </ul>
        </Card>
      )}
      {claim.quoteCents !== null && <Quote claim={claim} />}
      <Card>
        <h2 className="mb-3 font-semibold">{t.steps}</h2>
        <ol className="space-y-2" aria-label={t.steps}>
          {claim.events.map((event, i) => (
            <li key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <ClaimStatusBadge status={event.to} />
              <time className="text-sm text-muted" dateTime={new Date(event.at).toISOString()}>
                {formatDateTime(event.at, locale)}
              </time>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}

function Quote({ claim }: { claim: Claim }) {
  const t = useMessages(warrantyText);
  const { locale } = useLocale();
  const accept = useAcceptClaimQuote(claim.id);
  const open =
    claim.quoteAcceptedAt === null && (claim.status === 'received' || claim.status === 'diagnosing');
  return (
    <Card>
      <p className="text-lg font-semibold">{t.quote(formatUsd(claim.quoteCents!))}</p>
      {claim.quoteAcceptedAt !== null ? (
        <p role="status" className="mt-2 text-emerald-700">
          {t.quoteAccepted(formatDate(claim.quoteAcceptedAt, locale))}
          {claim.repairOrder?.paidAt != null && (
            <>
              {' '}
              <Link to={`/orders/${claim.repairOrder.id}`} className="underline">
                {t.repairPaid(claim.repairOrder.number, formatDate(claim.repairOrder.paidAt, locale))}
              </Link>
            </>
          )}
        </p>
      ) : (
        open && (
          <>
            <p className="mt-2 text-muted">{t.quoteWaiting}</p>
            <Button className="mt-4" onClick={() => accept.mutate()} disabled={accept.isPending}>
              {t.acceptQuote}
            </Button>
            {accept.isError && (
              <p role="alert" className="mt-2 text-red-700">
                {t.acceptFailed}
              </p>
            )}
          </>
        )
      )}
    </Card>
  );
}
