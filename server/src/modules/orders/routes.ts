import type { OrderStatus } from '@shop/shared';
import type { ShopServices } from '../../compose';
import type { RouteDef } from '@shop/shared';
import type { HandlerInput, Handlers } from '../../http/routes';
import { newGuestToken } from '../cart/service';
import { paymentViewFor, renewPayment, issuePayment } from '../payments/service';
import { cancelOrderLine } from './line-cancellation';
import { getOrderFor, listOrdersFor, placeOrder, transitionOrder, type PlaceOrderContext } from './service';

type OrderRoutes =
  | 'placeOrder'
  | 'listOrders'
  | 'getOrder'
  | 'cancelOrder'
  | 'transitionOrder'
  | 'cancelOrderLine'
  | 'getOrderPayment'
  | 'renewOrderPayment';

/**
 * What placing a web order takes from the request, signed in or as a guest. The cart cookie marks the browser across
 * its accounts (holds.ts) and is a guest's cart: one that has none gets one now.
 */
export function placing(
  shop: Pick<ShopServices, 'db' | 'paymentPolicy' | 'orderMailer'>,
  request: Pick<HandlerInput<RouteDef>, 'actor' | 'idempotencyKey' | 'cart' | 'client'>,
): PlaceOrderContext & { browserToken: string } {
  const { cart } = request;
  const browserToken = cart.token ?? newGuestToken();
  if (!cart.token) cart.remember(browserToken);
  return {
    db: shop.db,
    mailer: shop.orderMailer,
    actor: request.actor,
    idempotencyKey: request.idempotencyKey,
    browserToken,
    placedFrom: { browserToken, address: request.client.ip },
    onPlaced: (tx, order, hold) =>
      issuePayment(tx, order, shop.paymentPolicy, Date.now(), undefined, hold).then(() => undefined),
  };
}

export function orderHandlers(
  shop: Pick<ShopServices, 'db' | 'paymentPolicy' | 'orderMailer' | 'deeplinks'>,
): Handlers<OrderRoutes> {
  const { db, paymentPolicy: payments, orderMailer: mailer, deeplinks } = shop;
  return {
    placeOrder: (input) => placeOrder({ ...placing(shop, input), user: input.user }, input.body),
    listOrders: ({ query, user }) => listOrdersFor(db, user, query),
    getOrder: ({ params, user }) => getOrderFor(db, params.id, user),
    cancelOrder: async ({ params, user, actor }) => {
      const order = await getOrderFor(db, params.id, user); // 404 for another customer's order
      await transitionOrder(
        db,
        {
          orderId: order.id,
          to: 'cancelled',
          actor: 'customer',
          actorId: user.id,
          reason: 'cancelled by the customer',
          ip: actor.ip,
        },
        mailer,
      );
      return getOrderFor(db, params.id, user);
    },
    transitionOrder: async ({ params, body, user, actor }) => {
      await transitionOrder(
        db,
        {
          orderId: params.id,
          to: body.to as OrderStatus,
          actor: 'staff',
          actorId: user.id,
          reason: body.reason ?? null,
          ip: actor.ip,
          ...(body.serials && { serials: body.serials }),
        },
        mailer,
      );
      return getOrderFor(db, params.id, user);
    },
    cancelOrderLine: async ({ params, body, user, actor }) => {
      await cancelOrderLine(
        db,
        { ...body, orderId: params.id, lineId: params.lineId, actor },
        payments,
        mailer,
      );
      return getOrderFor(db, params.id, user);
    },
    getOrderPayment: ({ params, user }) => paymentViewFor(db, params.id, { kind: 'user', user }, deeplinks),
    renewOrderPayment: async ({ params, user }) => {
      await renewPayment(db, params.id, { kind: 'user', user }, payments);
      return paymentViewFor(db, params.id, { kind: 'user', user }, deeplinks);
    },
  };
}
