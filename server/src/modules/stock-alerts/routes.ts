import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { askForStockAlert } from './service';

export function stockAlertHandlers(db: Db, publicUrl: string): Handlers<'askForStockAlert'> {
  return {
    askForStockAlert: ({ params, body, client }) =>
      askForStockAlert(db, { ...body, productId: params.id, ip: client.ip, publicUrl }),
  };
}
