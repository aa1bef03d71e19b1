import {
  formatShopDateTime,
  inquiryStatuses,
  type InquiryStatus,
  type StaffInquiryListQuery,
  type StaffInquirySummary,
} from '@shop/shared';
import { Badge, Button, useLocale, useMessages } from '@shop/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { useListAddress } from '../list-address';
import { FilterBar } from '../filter-bar';
import { PagedList, type Column } from '../paged-list';
import { backOfficeTexts } from '../texts';
import { InquiryStatusBadge } from './inquiry-status';
import { inquiryStatusText, supportTexts } from './texts';

const filterKeys = ['q', 'status', 'customerId'] as const;
const choices = [...inquiryStatuses, 'all'] as const;
type Choice = (typeof choices)[number];

/** The inbox opens on the open threads, the ones owing an answer; `status=all` shows every thread. */
function choiceOf(status: string): Choice {
  return (choices as readonly string[]).includes(status) ? (status as Choice) : 'open';
}

/** Customers' and guests' inquiries by status, searched on the server; filters and page kept in the address. */
export function Inbox() {
  const t = useMessages(supportTexts);
  const frame = useMessages(backOfficeTexts);
  const statusText = useMessages(inquiryStatusText);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const list = useListAddress(filterKeys);
  const { filters, page, setFilters, setPage } = list;
  const choice = choiceOf(filters.status);
  const query: StaffInquiryListQuery = {
    page,
    ...(choice !== 'all' && { status: choice satisfies InquiryStatus }),
    ...(filters.q && { q: filters.q }),
    ...(filters.customerId && { customerId: filters.customerId }),
  };
  const inquiries = useQuery({
    queryKey: ['support', 'inquiries', query],
    queryFn: () => api.listInquiries({ query }),
    placeholderData: keepPreviousData,
  });

  const columns: Column<StaffInquirySummary>[] = [
    {
      key: 'subject',
      header: t.subject,
      cell: (inquiry) => (
        <span className="flex flex-col">
          <span className="font-medium">{inquiry.subject}</span>
          {inquiry.orderNumber && <span className="text-xs text-muted">{t.order(inquiry.orderNumber)}</span>}
        </span>
      ),
    },
    {
      key: 'from',
      header: t.from,
      cell: (inquiry) => (
        <span className="flex flex-col">
          <span>
            {inquiry.from.name} {inquiry.from.kind === 'guest' && <Badge>{t.guest}</Badge>}
          </span>
          <span className="text-xs text-muted">{inquiry.from.email}</span>
        </span>
      ),
    },
    {
      key: 'status',
      header: t.status,
      cell: (inquiry) => (
        <span className="flex flex-wrap items-center gap-1">
          <InquiryStatusBadge status={inquiry.status} />
          {inquiry.lastAuthorKind !== 'staff' && inquiry.status !== 'open' && (
            <Badge tone="warning">{t.newMessage}</Badge>
          )}
        </span>
      ),
    },
    {
      key: 'updated',
      header: t.lastActivity,
      cell: (inquiry) => formatShopDateTime(inquiry.updatedAt, locale),
    },
  ];

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <div role="group" aria-label={t.status} className="flex flex-wrap gap-2">
        {choices.map((status) => (
          <Button
            key={status}
            size="sm"
            variant={choice === status ? 'primary' : 'secondary'}
            aria-pressed={choice === status}
            onClick={() => setFilters({ status: status === 'open' ? '' : status })}
          >
            {status === 'all' ? frame.all : statusText[status]}
          </Button>
        ))}
      </div>
      <FilterBar
        className="flex flex-wrap items-end gap-3"
        list={list}
        search={{ placeholder: t.searchHint, className: 'min-w-[22rem] flex-1' }}
      >
        {filters.customerId && (
          <span className="flex items-center gap-2 pb-2">
            <Badge tone="info">{t.oneCustomer}</Badge>
            <Button variant="ghost" size="sm" onClick={() => setFilters({ customerId: '' })}>
              {t.allCustomers}
            </Button>
          </span>
        )}
      </FilterBar>
      <PagedList
        label={t.title}
        query={inquiries}
        columns={columns}
        rowKey={(inquiry) => inquiry.id}
        onOpen={(inquiry) => void navigate(`/back-office/support/${inquiry.id}`)}
        onPage={setPage}
      />
    </section>
  );
}
