import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { getStockLevel, recordStockMovement } from './service';

export function inventoryHandlers(db: Db): Handlers<'recordStockMovement' | 'getProductStock'> {
  return {
    recordStockMovement: ({ body, actor }) => recordStockMovement(db, body, actor),
    getProductStock: ({ params, query }) => getStockLevel(db, params.id, query),
  };
}
