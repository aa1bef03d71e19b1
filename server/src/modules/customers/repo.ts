import type { Db } from '../../db/database';
import { containsText } from '../../db/like';
import { pageOf, type PageOf, type PageRequest } from '../../db/paging';

/** The SQL of the back office's customer list and customer page: customer accounts only, never staff's. */

function customers(db: Db) {
  return db.selectFrom('users as u').where('u.role', '=', 'customer');
}

/** Customers matching the staff's search: part of the name, email or phone, and an account status. */
function matchingCustomers(
  db: Db,
  filter: { text?: string | undefined; phone?: string | null | undefined; status?: string | undefined },
) {
  const { text, phone, status } = filter;
  return customers(db)
    .$if(status !== undefined, (q) => q.where('u.status', '=', status!))
    .$if(Boolean(text), (q) =>
      q.where((eb) =>
        eb.or([
          ...(['u.name', 'u.email', 'u.phone'] as const).map((column) =>
            containsText(eb.fn('lower', [column]), text!),
          ),
          // Phones are stored in one form (shared/src/phone.ts): "012 345 678" finds +85512345678.
          ...(phone ? [eb('u.phone', '=', phone)] : []),
        ]),
      ),
    );
}

/** The accounts' columns with how many orders each placed and when they last did. */
function withOrders(query: ReturnType<typeof customers>) {
  return query.select((eb) => [
    'u.id',
    'u.name',
    'u.email',
    'u.phone',
    'u.status',
    'u.locale',
    'u.created_at',
    eb
      .selectFrom('orders as o')
      .select((o) => o.fn.countAll<number>().as('n'))
      .whereRef('o.user_id', '=', 'u.id')
      .as('order_count'),
    eb
      .selectFrom('orders as o')
      .select((o) => o.fn.max('o.created_at').as('t'))
      .whereRef('o.user_id', '=', 'u.id')
      .as('last_order_at'),
  ]);
}

export type CustomerRow = Awaited<ReturnType<ReturnType<typeof withOrders>['executeTakeFirstOrThrow']>>;

export async function pageOfCustomers(
  db: Db,
  filter: { text?: string | undefined; phone?: string | null | undefined; status?: string | undefined },
  sort: 'newest' | 'oldest' | 'name',
  page: PageRequest,
): Promise<PageOf<CustomerRow>> {
  const rows = withOrders(matchingCustomers(db, filter)).$call((q) =>
    sort === 'oldest'
      ? q.orderBy('u.created_at', 'asc').orderBy('u.id', 'asc')
      : sort === 'name'
        ? q.orderBy((eb) => eb.fn('lower', ['u.name'])).orderBy('u.id', 'asc')
        : q.orderBy('u.created_at', 'desc').orderBy('u.id', 'desc'),
  );
  return pageOf(rows, matchingCustomers(db, filter), page);
}

export async function findCustomer(db: Db, id: string): Promise<CustomerRow | undefined> {
  return withOrders(customers(db)).where('u.id', '=', id).executeTakeFirst();
}

/** A customer's inquiries, newest activity first. */
export async function inquiriesOf(db: Db, userId: string) {
  return db
    .selectFrom('support_inquiries')
    .select(['id', 'subject', 'status', 'order_id', 'created_at', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
