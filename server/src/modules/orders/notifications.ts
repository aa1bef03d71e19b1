import { asLocale, formatKhr, formatUsd, type OrderStatus } from '@shop/shared';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import type { OrderMail } from '../../mail/copy/mail-copy';
import type { MailData, MailTemplate } from '../../mail/templates';
import { isGuestOrder, issueAccessToken } from './access';
import { orderSummaryOf } from './mail-summary';

/**
 * The mails a customer gets about their order, queued in the transaction of the step that causes them (through the
 * outbox): placed (with the link to pay), paid, ready for pickup, on its way, and a rejected payment screenshot.
 * Orders without an email (POS walk-ins) get none.
 */
export interface OrderMailer {
  /** The order's page in the web shop: its KHQR, its status, its payment screenshots. */
  orderUrl(orderId: string): string;
  /**
   * Mails the order's customer in the order's language, with what they ordered and how it reaches them; nothing
   * for an order without an email. A guest's mail greets nobody by name (anyone may have typed the address) and
   * links with a token of its own, made in the mail's transaction.
   */
  mail<T extends OrderTemplate>(
    tx: Tx,
    order: OrderTable,
    template: T,
    data: Omit<MailData[T], keyof OrderMail | 'summary'>,
  ): Promise<void>;
}

type OrderTemplate = {
  [T in MailTemplate]: MailData[T] extends OrderMail ? T : never;
}[MailTemplate];

/**
 * The order mails of a shop whose web shop is at `publicUrl` (PUBLIC_URL). Made once by the composition root and
 * handed to whatever moves orders (services, the payment job), so that two shops in one process never mix links.
 */
export function createOrderMailer(publicUrl: string): OrderMailer {
  const base = publicUrl.replace(/\/+$/, '');
  const orderUrl = (orderId: string) => `${base}/orders/${encodeURIComponent(orderId)}`;
  return {
    orderUrl,
    async mail(tx, order, template, data) {
      if (!order.customer_email) return;
      const guest = isGuestOrder(order);
      // In the address's fragment: browsers never send it to a server, nor in a Referer.
      const url = guest
        ? `${orderUrl(order.id)}#access=${await issueAccessToken(tx, order.id)}`
        : orderUrl(order.id);
      await enqueueMail(tx, {
        to: order.customer_email,
        locale: asLocale(order.locale),
        template,
        data: {
          ...data,
          name: guest ? '' : order.customer_name,
          orderNumber: order.number,
          orderUrl: url,
          summary: await orderSummaryOf(tx, order),
        } as unknown as MailData[typeof template],
      });
    },
  };
}

/** Mails the customer about a step of their order, in the transaction of that step. */
export async function notifyOrderEvent(
  mailer: OrderMailer,
  tx: Tx,
  order: OrderTable,
  from: OrderStatus | null,
  to: OrderStatus,
  _reason: string | null = null,
): Promise<void> {
  if (!order.customer_email) return;
  switch (to) {
    case 'pending_payment':
      // Placed; back from staff review (payment_review → pending_payment) is not news worth a mail.
      if (from === null) await mailer.mail(tx, order, 'order-placed', { total: orderTotal(order) });
      return;
    case 'paid':
      await mailer.mail(tx, order, 'payment-received', { total: orderTotal(order) });
      return;
    case 'ready_for_pickup':
      await mailer.mail(tx, order, 'order-ready', {});
      return;
    case 'out_for_delivery':
      await mailer.mail(tx, order, 'order-shipped', {});
      return;
    default:
      // A payment that did not match waits for staff (payment_review): the customer hears of the outcome.
      return;
  }
}

/** What the customer pays, in the order's currency: as its KHQR asks for it. */
function orderTotal(order: OrderTable): string {
  return order.currency === 'KHR' ? formatKhr(Number(order.total_khr)) : formatUsd(Number(order.total_cents));
}
