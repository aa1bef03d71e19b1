import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { getCustomer, listCustomers } from './service';

export function customerHandlers(db: Db): Handlers<'listCustomers' | 'getCustomer'> {
  return {
    listCustomers: ({ query }) => listCustomers(db, query),
    getCustomer: ({ params }) => getCustomer(db, params.id),
  };
}
