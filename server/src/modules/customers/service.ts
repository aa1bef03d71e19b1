import {
  asLocale,
  customerRecentOrders,
  normaliseCambodianPhone,
  type CustomerDetail,
  type InquiryStatus,
  type UserStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer, type PageRequest } from '../../db/paging';
import { NotFound } from '../../http/errors';
import { listAddresses } from '../accounts/addresses';
import { adminListItem } from '../orders/admin-orders';
import { pageOfAllOrders } from '../orders/admin-repo';
import { findCustomer, inquiriesOf, pageOfCustomers, type CustomerRow } from './repo';

/**
 * Customers as staff look them up (at the counter, on the phone, answering an inquiry): customer accounts only; staff
 * and admin accounts are people management (users.manage), not here.
 */
export async function listCustomers(
  db: Db,
  query: PageRequest & {
    q?: string | undefined;
    status?: UserStatus | undefined;
    sort: 'newest' | 'oldest' | 'name';
  },
) {
  const found = await pageOfCustomers(
    db,
    {
      text: query.q?.toLowerCase(),
      phone: query.q ? normaliseCambodianPhone(query.q) : null,
      status: query.status,
    },
    query.sort,
    query,
  );
  return pageAnswer(found, toCustomerSummary, query);
}

export async function getCustomer(db: Db, id: string): Promise<CustomerDetail> {
  const row = await findCustomer(db, id);
  if (!row) throw new NotFound('There is no such customer');
  const [orders, addresses, inquiries] = await Promise.all([
    pageOfAllOrders(db, { customerId: id }, 'newest', { page: 1, pageSize: customerRecentOrders }),
    listAddresses(db, id),
    inquiriesOf(db, id),
  ]);
  return {
    customer: toCustomerSummary(row),
    orders: { items: orders.rows.map(adminListItem), total: orders.total },
    addresses,
    inquiries: inquiries.map((i) => ({
      id: i.id,
      subject: i.subject,
      status: i.status as InquiryStatus,
      orderId: i.order_id,
      createdAt: Number(i.created_at),
      updatedAt: Number(i.updated_at),
    })),
  };
}

function toCustomerSummary(row: CustomerRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    status: row.status as UserStatus,
    locale: asLocale(row.locale),
    createdAt: Number(row.created_at),
    orderCount: Number(row.order_count ?? 0),
    lastOrderAt:
      row.last_order_at === null || row.last_order_at === undefined ? null : Number(row.last_order_at),
  };
}
