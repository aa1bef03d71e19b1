import { accountRoutes } from './routes/accounts';
import { adminPeopleRoutes } from './routes/admin-people';
import { adminStockRoutes } from './routes/admin-stock';
import { adminOrderRoutes } from './routes/admin-orders';
import { adminSettingRoutes } from './routes/admin-settings';
import { cartRoutes } from './routes/cart';
import { catalogRoutes } from './routes/catalog';
import { counterRoutes } from './routes/counter';
import { inventoryRoutes } from './routes/inventory';
import { invoiceRoutes } from './routes/invoices';
import { guestOrderRoutes } from './routes/guest-orders';
import { orderRoutes } from './routes/orders';
import { paymentProofRoutes } from './routes/payment-proofs';
import { promotionRoutes } from './routes/promotions';
import { refundOwedRoutes } from './routes/refunds-owed';
import { reportRoutes } from './routes/reports';
import { stockAlertRoutes } from './routes/stock-alerts';
import { supportRoutes } from './routes/support';
import { syncRoutes } from './routes/sync';
import { wishlistRoutes } from './routes/wishlist';
import { systemRoutes } from './routes/system';

/**
 * The route table of /api/v1, one file per domain under ./routes. Server handlers, the OpenAPI document and the
 * typed client all come from it.
 */
export const apiRoutes = {
  ...systemRoutes,
  ...catalogRoutes,
  ...inventoryRoutes,
  ...accountRoutes,
  ...cartRoutes,
  ...orderRoutes,
  ...guestOrderRoutes,
  ...stockAlertRoutes,
  ...wishlistRoutes,
  ...invoiceRoutes,
  ...paymentProofRoutes,
  ...refundOwedRoutes,
  ...supportRoutes,
  ...syncRoutes,
  ...counterRoutes,
  ...adminPeopleRoutes,
  ...adminStockRoutes,
  ...adminOrderRoutes,
  ...adminSettingRoutes,
  ...reportRoutes,
  ...promotionRoutes,
} as const;

export {
  shiftReportSchema,
  shortfallItemSchema,
  type ShiftReport,
  type ShortfallItem,
} from './routes/counter';

export type ApiRoutes = typeof apiRoutes;
export type RouteName = keyof ApiRoutes;
