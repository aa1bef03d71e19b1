import { can } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { getStockLevel, recordStockMovement } from './service';

export function inventoryHandlers(db: Db): Handlers<'recordStockMovement' | 'getProductStock'> {
  return {
    recordStockMovement: ({ body, actor, user }) =>
      recordStockMovement(db, body, actor, can(user.role, 'stock.cost')),
    getProductStock: ({ params, query, user }) =>
      getStockLevel(db, params.id, query, can(user.role, 'stock.cost')),
  };
}
