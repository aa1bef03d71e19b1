import { formatKhr, formatUsd, type OrderStatus } from '@shop/shared';
import type { OrderTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import type { MailData, MailTemplate } from '../../mail/templates';

/**
 * The mails a customer gets about their order, queued in the transaction of the step that causes them (through the
 * outbox): placed (with the link to pay), paid, ready for pickup, on its way, and a rejected payment screenshot.
 * Orders without an email (POS walk-ins) get none.
 */
export interface OrderMailer {
  /** The order's page in the web shop: its KHQR, its status, its payment screenshots. */
  orderUrl(orderId: string): string;
  /** Mails the order's customer in the order's language; nothing for an order without an email. */
  mail<T extends OrderTemplate>(
    tx: Tx,
    order: OrderTable,
    template: T,
    data: Omit<MailData[T], keyof OrderMailBase>,
  ): Promise<void>;
}

type OrderMailBase = MailData['order-ready'];
type OrderTemplate = {
  [T in MailTemplate]: MailData[T] extends OrderMailBase ? T : never;
}[MailTemplate];

let configured: OrderMailer | null = null;

/**
 * Sets where order mails link to (PUBLIC_URL), once at start-up, and answers the mailer for other modules. The
 * orders service calls notifyOrderEvent from deep inside its transactions with no configuration at hand, so this
 * one setting is kept here: one shop, one public address per process.
 */
export function configureOrderMail(publicUrl: string): OrderMailer {
  const base = publicUrl.replace(/\/+$/, '');
  const orderUrl = (orderId: string) => `${base}/orders/${encodeURIComponent(orderId)}`;
  configured = {
    orderUrl,
    async mail(tx, order, template, data) {
      if (!order.customer_email) return;
      await enqueueMail(tx, {
        to: order.customer_email,
        locale: order.locale === 'km' ? 'km' : 'en',
        template,
        data: {
          ...data,
          name: order.customer_name,
          orderNumber: order.number,
          orderUrl: orderUrl(order.id),
        } as MailData[typeof template],
      });
    },
  };
  return configured;
}

/** The order's page in the web shop, for mails that link to it from deep inside a transaction. */
export function orderPageUrl(orderId: string): string {
  if (!configured) throw new Error('Order mails need the shop address: call configureOrderMail at start-up');
  return configured.orderUrl(orderId);
}

/** Mails the customer about a step of their order, in the transaction of that step. */
export async function notifyOrderEvent(
  tx: Tx,
  order: OrderTable,
  from: OrderStatus | null,
  to: OrderStatus,
  _reason: string | null = null,
): Promise<void> {
  if (!order.customer_email) return;
  const mailer = () => {
    if (!configured)
      throw new Error('Order mails need the shop address: call configureOrderMail at start-up');
    return configured;
  };
  switch (to) {
    case 'pending_payment':
      // Placed; back from staff review (payment_review → pending_payment) is not news worth a mail.
      if (from === null) await mailer().mail(tx, order, 'order-placed', { total: orderTotal(order) });
      return;
    case 'paid':
      await mailer().mail(tx, order, 'payment-received', {
        total: orderTotal(order),
        fulfilment: order.fulfilment === 'delivery' ? 'delivery' : 'pickup',
      });
      return;
    case 'ready_for_pickup':
      await mailer().mail(tx, order, 'order-ready', {});
      return;
    case 'out_for_delivery':
      await mailer().mail(tx, order, 'order-shipped', {});
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
