import type { GuestOrderPlaced, Order, PlaceGuestOrderInput } from '@shop/shared';
import { inTransaction } from '../../db/transaction';
import type { Db } from '../../db/database';
import type { SignedInUser } from '../accounts/sessions';
import { enforceLimits, limits } from '../accounts/rate-limit';
import { recordAudit, type Actor } from '../audit/audit';
import { checkAccessToken, isGuestOrder, issueAccessToken, notFound } from './access';
import { giveOrderTo } from './access-repo';
import { loadOrder } from './present';
import { findOrderRow } from './repo';
import { addressLines, placeWebOrder, type PlaceOrderContext } from './service';

/**
 * Guest checkout (issue 15): the same order as a signed-in customer's (reserved, held, paid by KHQR, expiring)
 * for a name, a phone and an email. Nothing here looks the email up: a guest order never joins an account, signs
 * anyone in, or says whether the address has one. The browser that placed it gets a token to its page; each mail
 * carries one of its own (notifications.ts).
 */
export async function placeGuestOrder(
  ctx: PlaceOrderContext & { browserToken: string },
  input: PlaceGuestOrderInput,
): Promise<GuestOrderPlaced> {
  const { guest } = input;
  // Every guest order mails whatever address was typed: a network and an address place only so many an hour.
  await enforceLimits(ctx.db, [
    limits.guestOrderPerIp(ctx.placedFrom.address ?? 'unknown'),
    limits.guestOrderPerEmail(guest.email),
  ]);
  const row = await placeWebOrder(
    ctx,
    {
      keyScope: `guest:${ctx.browserToken}`,
      cart: { userId: null, guestToken: ctx.browserToken },
      userId: null,
      contact: async () => ({
        name: guest.name,
        email: guest.email,
        phone: guest.phone,
        locale: guest.locale ?? 'en',
      }),
      deliveryAddress: async () =>
        input.fulfilment === 'delivery' && input.address
          ? {
              recipient: guest.name,
              phone: guest.phone,
              lines: addressLines(input.address),
              province: input.address.province,
            }
          : null,
    },
    input,
  );
  // A retry (same Idempotency-Key, same browser) gets the first order and a key of its own.
  const accessToken = await inTransaction(ctx.db, (tx) => issueAccessToken(tx, row.id));
  return { order: await loadOrder(ctx.db, row, 'customer'), accessToken };
}

/**
 * A guest order becomes the account's: the caller holds its link's token and is signed in to the account of the
 * order's email (proven by its mailed code at sign-up). Anything else is the same 404 as a wrong token.
 */
export async function claimGuestOrder(
  db: Db,
  input: { orderId: string; token: string; user: SignedInUser; actor: Actor },
): Promise<Order> {
  const { orderId, user } = input;
  await checkAccessToken(db, orderId, { token: input.token, ip: input.actor.ip });
  const order = await findOrderRow(db, orderId);
  if (!order || user.role !== 'customer' || order.customer_email !== user.email.toLowerCase())
    throw notFound();
  if (order.user_id === user.id) return loadOrder(db, order, 'customer');
  if (!isGuestOrder(order)) throw notFound();
  await inTransaction(db, async (tx) => {
    const now = Date.now();
    if (!(await giveOrderTo(tx, order.id, user.id, now))) throw notFound();
    await recordAudit(
      tx,
      input.actor,
      { action: 'order.claim', entity: 'order', entityId: order.id, after: { userId: user.id } },
      now,
    );
  });
  return loadOrder(db, (await findOrderRow(db, orderId))!, 'customer');
}
