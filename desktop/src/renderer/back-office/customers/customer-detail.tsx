import {
  formatCambodianPhone,
  formatShopDateTime,
  formatUsd,
  type Address,
  type CustomerDetail,
} from '@shop/shared';
import {
  Badge,
  buttonClass,
  ErrorState,
  LoadingBlock,
  OrderStatusBadge,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { InquiryStatusBadge } from '../support/inquiry-status';
import { AccountStatusBadge } from './account-status';
import { customerTexts } from './texts';

/** A customer as staff look them up: their account, latest orders, saved addresses and inquiries. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const t = useMessages(customerTexts);
  const frame = useMessages(backOfficeTexts);
  const customer = useQuery({
    queryKey: ['customers', 'one', id],
    queryFn: () => api.getCustomer({ params: { id } }),
  });
  return (
    <section className="space-y-5">
      <Link to="/back-office/customers" className={buttonClass('ghost', 'sm', '-ml-3')}>
        ← {t.backToList}
      </Link>
      {customer.isPending ? (
        <LoadingBlock label={t.loading} />
      ) : customer.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(customer.error)}
          onRetry={() => void customer.refetch()}
          retryLabel={frame.retry}
        />
      ) : (
        <CustomerView detail={customer.data} />
      )}
    </section>
  );
}

function CustomerView({ detail }: { detail: CustomerDetail }) {
  const t = useMessages(customerTexts);
  const { locale } = useLocale();
  const { customer, orders, addresses, inquiries } = detail;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{customer.name}</h1>
        <dl className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
          <Fact label={t.email}>{customer.email}</Fact>
          <Fact label={t.phone}>{customer.phone ? formatCambodianPhone(customer.phone) : t.none}</Fact>
          <Fact label={t.account}>
            <AccountStatusBadge status={customer.status} />
          </Fact>
          <Fact label={t.language}>{customer.locale === 'km' ? t.khmer : t.english}</Fact>
          <Fact label={t.joined}>{formatShopDateTime(customer.createdAt, locale)}</Fact>
        </dl>
      </header>

      <Section
        title={`${t.orders} (${orders.total})`}
        more={
          orders.total > 0 && (
            <Link
              to={`/back-office/orders?customerId=${encodeURIComponent(customer.id)}`}
              className="text-sm text-brand-700 underline"
            >
              {t.allOrders(orders.total)}
            </Link>
          )
        }
      >
        {orders.items.length === 0 ? (
          <p className="text-muted">{t.noOrders}</p>
        ) : (
          <MiniTable
            label={t.orders}
            headers={[t.number, t.placed, t.channel, t.status, t.total]}
            rows={orders.items.map((order) => ({
              key: order.id,
              to: `/back-office/orders/${order.id}`,
              cells: [
                <span key="n" className="font-mono">
                  {order.number}
                </span>,
                formatShopDateTime(order.createdAt, locale),
                order.channel === 'pos' ? t.pos : t.web,
                <OrderStatusBadge key="s" status={order.status} />,
                formatUsd(order.totalCents),
              ],
            }))}
          />
        )}
      </Section>

      <Section title={`${t.addresses} (${addresses.length})`}>
        {addresses.length === 0 ? (
          <p className="text-muted">{t.noAddresses}</p>
        ) : (
          <ul aria-label={t.addresses} className="grid grid-cols-[repeat(auto-fill,minmax(18rem,1fr))] gap-3">
            {addresses.map((address) => (
              <AddressCard key={address.id} address={address} />
            ))}
          </ul>
        )}
      </Section>

      <Section
        title={`${t.inquiries} (${inquiries.length})`}
        more={
          inquiries.length > 0 && (
            <Link
              to={`/back-office/support?status=all&customerId=${encodeURIComponent(customer.id)}`}
              className="text-sm text-brand-700 underline"
            >
              {t.inInbox}
            </Link>
          )
        }
      >
        {inquiries.length === 0 ? (
          <p className="text-muted">{t.noInquiries}</p>
        ) : (
          <MiniTable
            label={t.inquiries}
            headers={[t.subject, t.status, t.lastActivity]}
            rows={inquiries.map((inquiry) => ({
              key: inquiry.id,
              to: `/back-office/support/${inquiry.id}`,
              cells: [
                inquiry.subject,
                <InquiryStatusBadge key="s" status={inquiry.status} />,
                formatShopDateTime(inquiry.updatedAt, locale),
              ],
            }))}
          />
        )}
      </Section>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-2">
      <dt className="text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ title, more, children }: { title: string; more?: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex items-baseline justify-between gap-3">
        <h2 className="text-lg font-semibold">{title}</h2>
        {more}
      </div>
      {children}
    </section>
  );
}

/** A short table whose rows open another screen (an order, an inquiry). */
function MiniTable({
  label,
  headers,
  rows,
}: {
  label: string;
  headers: string[];
  rows: { key: string; to: string; cells: ReactNode[] }[];
}) {
  const navigate = useNavigate();
  return (
    <div className="overflow-x-auto rounded-card border border-line bg-white">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="border-b border-line bg-slate-50 text-muted">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              tabIndex={0}
              onClick={() => void navigate(row.to)}
              onKeyDown={(event) => event.key === 'Enter' && void navigate(row.to)}
              className="cursor-pointer border-b border-line last:border-0 hover:bg-brand-50 focus:bg-brand-50 focus:outline-none"
            >
              {row.cells.map((cell, index) => (
                <td key={index} className="px-3 py-2">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddressCard({ address }: { address: Address }) {
  const t = useMessages(customerTexts);
  const place = [address.houseStreet, address.floorUnit, address.village, address.sangkat, address.khan]
    .filter(Boolean)
    .join(', ');
  return (
    <li className="space-y-1 rounded-card border border-line bg-white p-3 text-sm">
      <p className="flex items-center gap-2 font-semibold">
        <span>{address.label}</span>
        {address.isDefault && <Badge tone="info">{t.defaultAddress}</Badge>}
      </p>
      <p>
        {address.recipient} · {formatCambodianPhone(address.phone)}
      </p>
      <p>{place}</p>
      <p>{address.province}</p>
      {address.landmark && <p className="text-muted">{address.landmark}</p>}
      {address.deliveryNotes && <p className="text-muted">{address.deliveryNotes}</p>}
    </li>
  );
}
