import { z } from 'zod';
import type { Locale } from './accounts';
import type { Role } from './permissions';

/**
 * In-app notifications (issue 17): stored per user as a kind and its parameters, never as text, so the web shop and
 * the desktop say them in the reader's language (`notificationText`), and a mail, when the reader asked for one, says
 * them in theirs. Each has a link to the thing it is about: a path of the web shop (`/orders/…`) or of the back
 * office (`/back-office/…`), which the desktop opens in its own frame.
 */
export const staffNotificationKinds = [
  'new_web_order',
  'payment_proof',
  'payment_review',
  'low_stock',
  'counter_shortfall',
  'parked_item',
  'bakong_token',
] as const;
export const customerNotificationKinds = ['order_step', 'preorder_step', 'support_reply'] as const;
export const notificationKinds = [...staffNotificationKinds, ...customerNotificationKinds] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Kinds whose news already goes by mail through their own path (the order mails of orders/notifications.ts, the
 * staff review mails, support's reply mail): a preference to mail them too would send the same news twice, so they
 * are not offered.
 */
export const alreadyMailedKinds: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  'order_step',
  'support_reply',
  'payment_review',
]);

/** The kinds a person of this role receives, and may choose mail for. */
export function notificationKindsFor(role: Role): readonly NotificationKind[] {
  return role === 'customer' ? customerNotificationKinds : notificationKinds;
}

/** A notification's parameters: short strings and numbers (an order number, a status, a product's name). */
export const notificationParamsSchema = z.record(
  z.string().max(40),
  z.union([z.string().max(300), z.number()]),
);
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(notificationKinds),
    params: notificationParamsSchema,
    /** A path of the web shop or the back office; null when there is nothing to open. */
    link: z.string().nullable(),
    createdAt: z.number().int(),
    readAt: z.number().int().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  /** The page after this notification's id (the previous page's `nextBefore`). */
  before: z.string().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const notificationPageSchema = z
  .object({
    /** Newest first. */
    items: z.array(notificationSchema),
    unread: z.number().int(),
    /** Pass as `before` for the next (older) page; null on the last. */
    nextBefore: z.string().nullable(),
  })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof notificationPageSchema>;

export const notificationPreferenceSchema = z.object({
  kind: z.enum(notificationKinds),
  /** Also by mail. */
  mail: z.boolean(),
  /** False for kinds that are mailed through their own path already (alreadyMailedKinds). */
  mailable: z.boolean(),
});
export const notificationPreferencesSchema = z
  .object({ items: z.array(notificationPreferenceSchema) })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const notificationPreferencesInputSchema = z.object({
  items: z
    .array(z.object({ kind: z.enum(notificationKinds), mail: z.boolean() }))
    .max(notificationKinds.length),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInputSchema>;

/** The path of the live stream (server-sent events) beside the route table: `notification` events, one per row. */
export const NOTIFICATION_EVENTS_PATH = '/notifications/events';

// ------------------------------------------------------------------------------------------------------ the words

export interface NotificationText {
  title: string;
  body: string;
}

type Words = Record<NotificationKind, (p: NotificationParams) => NotificationText>;

const s = (value: string | number | undefined) => (value === undefined ? '' : String(value));

const statusWords: Record<Locale, Record<string, string>> = {
  en: {
    pending_payment: 'is waiting for payment',
    payment_review: 'is being checked by the shop',
    paid: 'is paid, thank you',
    processing: 'is being prepared',
    ready_for_pickup: 'is ready for pickup',
    picked_up: 'was picked up',
    out_for_delivery: 'is on its way',
    delivered: 'was delivered',
    delivery_failed: 'could not be delivered',
    cancelled: 'was cancelled',
    expired: 'expired unpaid',
    refunded: 'was refunded',
  },
  km: {
    pending_payment: 'កំពុងរង់ចាំការបង់ប្រាក់',
    payment_review: 'កំពុងត្រូវបានហាងពិនិត្យ',
    paid: 'បានបង់ប្រាក់រួច សូមអរគុណ',
    processing: 'កំពុងរៀបចំ',
    ready_for_pickup: 'រួចរាល់សម្រាប់មកយក',
    picked_up: 'ត្រូវបានមកយករួច',
    out_for_delivery: 'កំពុងដឹកជញ្ជូន',
    delivered: 'បានដឹកជញ្ជូនដល់ហើយ',
    delivery_failed: 'មិនអាចដឹកជញ្ជូនបាន',
    cancelled: 'ត្រូវបានលុបចោល',
    expired: 'ផុតកំណត់ដោយមិនបានបង់ប្រាក់',
    refunded: 'ត្រូវបានសងប្រាក់វិញ',
  },
};

const words: Record<Locale, Words> = {
  en: {
    new_web_order: (p) => ({
      title: `New web order ${s(p.orderNumber)}`,
      body: `Paid ${s(p.total)}: prepare it for ${s(p.fulfilment) === 'delivery' ? 'delivery' : 'pickup'}.`,
    }),
    payment_proof: (p) => ({
      title: `Payment screenshot for ${s(p.orderNumber)}`,
      body: 'A customer sent a screenshot of their payment: check it in the payments queue.',
    }),
    payment_review: (p) => ({
      title: `Payment to check: ${s(p.orderNumber)}`,
      body: 'A payment did not match the order and waits for staff.',
    }),
    low_stock: (p) => ({
      title: `Low stock: ${s(p.productName)}`,
      body: `${s(p.available)} left to sell (reorder at ${s(p.threshold)}).`,
    }),
    counter_shortfall: (p) => ({
      title: 'Counter shortfall',
      body: `A counter sold ${s(p.units)} unit(s) more than the shelf had: resolve it.`,
    }),
    parked_item: (p) => ({
      title: `Parked at ${s(p.counter)}`,
      body: `An item a counter sent could not be applied: ${s(p.error)}`,
    }),
    bakong_token: (p) => ({
      title: 'The Bakong token is expiring',
      body: `It expires on ${s(p.day)}: renew it with Bakong and enter the new one in the settings.`,
    }),
    order_step: (p) => ({
      title: `Order ${s(p.orderNumber)}`,
      body: `Your order ${statusWords.en[s(p.status)] ?? s(p.status)}.`,
    }),
    preorder_step: (p) => ({
      title: `Pre-order ${s(p.number ?? p.productName)}`,
      body: s(p.message) || `Your pre-order of ${s(p.productName)} ${s(p.step)}.`,
    }),
    support_reply: (p) => ({
      title: 'The shop replied',
      body: `There is a reply to your message “${s(p.subject)}”.`,
    }),
  },
  km: {
    new_web_order: (p) => ({
      title: `ការបញ្ជាទិញតាមអនឡាញថ្មី ${s(p.orderNumber)}`,
      body: `បានបង់ ${s(p.total)}៖ សូមរៀបចំសម្រាប់${s(p.fulfilment) === 'delivery' ? 'ការដឹកជញ្ជូន' : 'ការមកយក'}។`,
    }),
    payment_proof: (p) => ({
      title: `រូបថតការបង់ប្រាក់សម្រាប់ ${s(p.orderNumber)}`,
      body: 'អតិថិជនបានផ្ញើរូបថតការបង់ប្រាក់៖ សូមពិនិត្យវានៅក្នុងជួរការបង់ប្រាក់។',
    }),
    payment_review: (p) => ({
      title: `ការបង់ប្រាក់ត្រូវពិនិត្យ៖ ${s(p.orderNumber)}`,
      body: 'ការបង់ប្រាក់មិនត្រូវនឹងការបញ្ជាទិញ ហើយកំពុងរង់ចាំបុគ្គលិក។',
    }),
    low_stock: (p) => ({
      title: `ស្តុកនៅតិច៖ ${s(p.productName)}`,
      body: `នៅសល់ ${s(p.available)} សម្រាប់លក់ (បញ្ជាទិញបន្ថែមនៅ ${s(p.threshold)})។`,
    }),
    counter_shortfall: (p) => ({
      title: 'ខ្វះស្តុកនៅបញ្ជរ',
      body: `បញ្ជរបានលក់លើសពីស្តុកនៅលើធ្នើ ${s(p.units)} គ្រឿង៖ សូមដោះស្រាយ។`,
    }),
    parked_item: (p) => ({
      title: `បានទុកមួយឡែកនៅ ${s(p.counter)}`,
      body: `ធាតុដែលបញ្ជរបានផ្ញើមិនអាចអនុវត្តបាន៖ ${s(p.error)}`,
    }),
    bakong_token: (p) => ({
      title: 'សោ Bakong ជិតផុតកំណត់',
      body: `វាផុតកំណត់នៅថ្ងៃ ${s(p.day)}៖ សូមបន្តវាជាមួយ Bakong ហើយបញ្ចូលសោថ្មីនៅក្នុងការកំណត់។`,
    }),
    order_step: (p) => ({
      title: `ការបញ្ជាទិញ ${s(p.orderNumber)}`,
      body: `ការបញ្ជាទិញរបស់អ្នក${statusWords.km[s(p.status)] ?? s(p.status)}។`,
    }),
    preorder_step: (p) => ({
      title: `ការកក់ទុកជាមុន ${s(p.number ?? p.productName)}`,
      body: s(p.messageKm ?? p.message) || `ការកក់ទុក ${s(p.productName)} របស់អ្នក ${s(p.step)}។`,
    }),
    support_reply: (p) => ({
      title: 'ហាងបានឆ្លើយតប',
      body: `មានការឆ្លើយតបចំពោះសាររបស់អ្នក «${s(p.subject)}»។`,
    }),
  },
};

/** What a notification says, in the reader's language. */
export function notificationText(
  notification: Pick<Notification, 'kind' | 'params'>,
  locale: Locale,
): NotificationText {
  return words[locale][notification.kind](notification.params);
}
