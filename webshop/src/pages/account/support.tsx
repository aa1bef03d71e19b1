import { cn, EmptyState, useLocale, useMessages } from '@shop/ui';
import { MessagesSquare, Plus } from 'lucide-react';
import { INQUIRIES_PAGE_SIZE, useMyInquiries } from '../../api/support';
import { InquiryStatusBadge } from '../../account/inquiry-status-badge';
import { supportText } from '../../account/messages';
import { Pagination, usePageParam } from '../../account/pagination';
import { formatDateTime } from '../../i18n/format';
import { ButtonLink } from '../../ui/button-link';
import { PageHeading } from '../../ui/page';
import { RowLink } from '../../ui/row-link';
import { QueryError } from '../../ui/query-error';
import { RowsLoading } from '../../ui/rows-loading';

/** /account/support?page=: the customer's questions to the shop, newest activity first. */
export function SupportPage() {
  const t = useMessages(supportText);
  const { locale } = useLocale();
  const page = usePageParam();
  const inquiries = useMyInquiries(page);

  const heading = (
    <PageHeading title={t.threadsTitle}>
      <ButtonLink to="/contact">
        <Plus className="size-4" aria-hidden="true" />
        {t.newQuestion}
      </ButtonLink>
    </PageHeading>
  );

  if (inquiries.isPending)
    return (
      <>
        {heading}
        <RowsLoading label={t.threadsLoading} rowClassName="h-20 rounded-card" rows={2} />
      </>
    );
  if (inquiries.isError)
    return (
      <>
        {heading}
        <QueryError title={t.threadsFailed} retry={inquiries.refetch} />
      </>
    );

  const { items, total } = inquiries.data;
  return (
    <>
      {heading}
      {total === 0 ? (
        <EmptyState title={t.noThreads} icon={MessagesSquare}>
          <p>{t.noThreadsText}</p>
        </EmptyState>
      ) : (
        <>
          <p className="-mt-3 mb-5 text-muted">{t.threadsLead}</p>
          <ul className={cn('space-y-3', inquiries.isPlaceholderData && 'opacity-60')}>
            {items.map((inquiry) => (
              <li key={inquiry.id}>
                <RowLink to={`/account/support/${inquiry.id}`}>
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold break-words">{inquiry.subject}</p>
                    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                      <InquiryStatusBadge status={inquiry.status} />
                      {inquiry.orderNumber && <span>{t.aboutOrder(inquiry.orderNumber)}</span>}
                      <span>{t.updated(formatDateTime(inquiry.updatedAt, locale))}</span>
                    </p>
                  </div>
                </RowLink>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={INQUIRIES_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
