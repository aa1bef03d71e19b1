import type { ShopServices } from '../../compose';
import type { Handlers } from '../../http/routes';
import {
  confirmPreOrder,
  listPreOrders,
  payRestByKhqr,
  placeCounterPreOrder,
  placePreOrder,
  takePreOrderCash,
} from './service';

type PreOrderRoutes =
  | 'placePreOrder'
  | 'payPreOrderRest'
  | 'listPreOrders'
  | 'placeCounterPreOrder'
  | 'confirmPreOrder'
  | 'takePreOrderCash';

export function preOrderHandlers(
  shop: Pick<ShopServices, 'db' | 'paymentPolicy' | 'orderMailer' | 'deeplinks'>,
): Handlers<PreOrderRoutes> {
  const deps = { db: shop.db, mailer: shop.orderMailer, payments: shop.paymentPolicy };
  return {
    placePreOrder: ({ body, user, actor }) => placePreOrder(deps, user, body, actor),
    payPreOrderRest: ({ params, user }) =>
      payRestByKhqr({ ...deps, deeplinks: shop.deeplinks }, params.id, user),
    listPreOrders: ({ query }) => listPreOrders(shop.db, query),
    placeCounterPreOrder: ({ body, user, actor }) => placeCounterPreOrder(deps, user, body, actor),
    confirmPreOrder: ({ params, user, actor }) => confirmPreOrder(deps, params.id, user, actor),
    takePreOrderCash: ({ params, body, user }) => takePreOrderCash(deps, params.id, body.tendered, user),
  };
}
