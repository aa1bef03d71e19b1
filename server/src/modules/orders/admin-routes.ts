import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { getAdminOrder, listAllOrders } from './admin-orders';

export function adminOrderHandlers(db: Db): Handlers<'listAdminOrders' | 'getAdminOrder'> {
  return {
    listAdminOrders: ({ query }) => listAllOrders(db, query),
    getAdminOrder: ({ params }) => getAdminOrder(db, params.id),
  };
}
