import { can } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import type { OrderMailer } from '../orders/notifications';
import { getStockLevel, recordStockMovement } from './service';

export function inventoryHandlers(
  db: Db,
  mailer: OrderMailer,
): Handlers<'recordStockMovement' | 'getProductStock'> {
  return {
    recordStockMovement: ({ body, actor, user }) =>
      recordStockMovement(db, body, actor, can(user.role, 'stock.cost'), mailer),
    getProductStock: ({ params, query, user }) =>
      getStockLevel(db, params.id, query, can(user.role, 'stock.cost')),
  };
}
