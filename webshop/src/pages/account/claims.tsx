import { cn, EmptyState, useLocale, useMessages } from '@shop/ui';
import { Wrench } from 'lucide-react';
import { CLAIMS_PAGE_SIZE, useMyClaims } from '../../api/claims';
import { Pagination, usePageParam } from '../../account/pagination';
import { formatDate } from '../../i18n/format';
import { PageHeading } from '../../ui/page';
import { QueryError } from '../../ui/query-error';
import { RowLink } from '../../ui/row-link';
import { RowsLoading } from '../../ui/rows-loading';
import { ClaimStatusBadge } from '../../warranty/claim-status-badge';
import { warrantyText } from '../../warranty/messages';

/** /account/claims?page=: the customer's repairs and warranty claims, newest first. */
export function ClaimsPage() {
  const t = useMessages(warrantyText);
  const { locale } = useLocale();
  const page = usePageParam();
  const claims = useMyClaims(page);
  const heading = <PageHeading title={t.claimsTitle} />;

  if (claims.isPending)
    return (
      <>
        {heading}
        <RowsLoading label={t.claimsLoading} rowClassName="h-20 rounded-card" rows={2} />
      </>
    );
  if (claims.isError)
    return (
      <>
        {heading}
        <QueryError title={t.claimsFailed} retry={claims.refetch} />
      </>
    );

  const { items, total } = claims.data;
  return (
    <>
      {heading}
      {total === 0 ? (
        <EmptyState title={t.noClaims} icon={Wrench}>
          <p>{t.noClaimsText}</p>
        </EmptyState>
      ) : (
        <>
          <p className="-mt-3 mb-5 text-muted">{t.claimsLead}</p>
          <ul className={cn('space-y-3', claims.isPlaceholderData && 'opacity-60')}>
            {items.map((claim) => (
              <li key={claim.id}>
                <RowLink to={`/account/claims/${claim.id}`}>
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold break-words">{claim.productName}</p>
                    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                      <ClaimStatusBadge status={claim.status} />
                      <span>{claim.number}</span>
                      <span className="font-mono">{claim.serial}</span>
                      <span>{t.openedOn(formatDate(claim.openedAt, locale))}</span>
                    </p>
                  </div>
                </RowLink>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={CLAIMS_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
