import { acceptedSchema } from '../../accounts';
import { stockAlertInputSchema } from '../../stock-alerts';
import { defineRoute, publicAccess } from '../route';
import { idParam } from './common';

export const stockAlertRoutes = {
  askForStockAlert: defineRoute({
    method: 'post',
    path: '/products/:id/stock-alerts',
    summary:
      'Mail this address once when the (out-of-stock) product is received again; the same answer for every address',
    tag: 'catalog',
    access: publicAccess,
    params: idParam,
    body: stockAlertInputSchema,
    response: acceptedSchema,
    status: 202,
    errors: [404, 429],
  }),
} as const;
