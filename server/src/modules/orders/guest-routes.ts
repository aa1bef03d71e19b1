import type { ShopServices } from '../../compose';
import type { Handlers } from '../../http/routes';
import { paymentViewFor, renewPayment } from '../payments/service';
import { openOrder, type OrderViewer } from './access';
import { claimGuestOrder, placeGuestOrder } from './guest';
import { placing } from './routes';
import { openOrderAs, transitionOrder } from './service';

type GuestOrderRoutes =
  | 'placeGuestOrder'
  | 'openGuestOrder'
  | 'getGuestOrderPayment'
  | 'renewGuestOrderPayment'
  | 'cancelGuestOrder'
  | 'claimGuestOrder';

export function guestOrderHandlers(
  shop: Pick<ShopServices, 'db' | 'paymentPolicy' | 'orderMailer' | 'deeplinks'>,
): Handlers<GuestOrderRoutes> {
  const { db, paymentPolicy: payments, orderMailer: mailer, deeplinks } = shop;
  const guest = (token: string, ip: string | null): OrderViewer => ({ kind: 'guest', token, ip });
  return {
    placeGuestOrder: (input) => placeGuestOrder(placing(shop, input), input.body),
    openGuestOrder: ({ params, body, client }) => openOrderAs(db, params.id, guest(body.token, client.ip)),
    getGuestOrderPayment: ({ params, body, client }) =>
      paymentViewFor(db, params.id, guest(body.token, client.ip), deeplinks),
    renewGuestOrderPayment: async ({ params, body, client }) => {
      const viewer = guest(body.token, client.ip);
      await renewPayment(db, params.id, viewer, payments);
      return paymentViewFor(db, params.id, viewer, deeplinks);
    },
    cancelGuestOrder: async ({ params, body, actor, client }) => {
      const viewer = guest(body.token, client.ip);
      const order = await openOrder(db, params.id, viewer);
      await transitionOrder(
        db,
        {
          orderId: order.id,
          to: 'cancelled',
          actor: 'customer',
          actorId: null,
          reason: 'cancelled by the customer',
          ip: actor.ip,
        },
        mailer,
      );
      return openOrderAs(db, params.id, viewer);
    },
    claimGuestOrder: ({ params, body, user, actor }) =>
      claimGuestOrder(db, { orderId: params.id, token: body.token, user, actor }),
  };
}
