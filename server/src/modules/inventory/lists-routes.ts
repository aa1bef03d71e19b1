import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { getStockValuation, listLowStock } from './stock-lists';

export function stockListHandlers(db: Db): Handlers<'listLowStock' | 'getStockValuation'> {
  return {
    listLowStock: ({ query }) => listLowStock(db, query),
    getStockValuation: ({ query }) => getStockValuation(db, query),
  };
}
