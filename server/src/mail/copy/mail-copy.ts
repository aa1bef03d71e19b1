import type { ClaimStatus } from '@shop/shared';

/**
 * What every language's copy of the shop's mails provides, and the data each mail is made from. `MailCopy` is one
 * interface for all languages, so a mail missing in Khmer (or English) does not compile.
 *
 * Anyone can type any address into a sign-up, a password reset or the contact form, so a mail to an address nobody
 * has proven yet carries nothing the sender chose (no name, no subject, no message): otherwise the shop's own mail
 * would deliver a stranger's "Winner! Claim at http://…" to anyone. The data types below leave those fields out.
 */
export type MailLocale = 'en' | 'km';

export interface MailData {
  /** 6-digit code, valid 10 minutes. To an address not yet proven: no name (whoever signed up chose it). */
  'verify-email': { code: string };
  /** Sign-in second factor, valid 10 minutes. */
  'login-code': { name: string; code: string };
  /** Link valid 30 minutes. Also to accounts never verified, whose name a stranger may have chosen: no name. */
  'password-reset': { resetUrl: string };
  /** Notice after a change or reset: "if this wasn't you…". */
  'password-changed': { name: string };
  /** Someone tried to register with this address. */
  'account-exists': { name: string; signInUrl: string; resetUrl: string };
  /** Sign-ins are being attacked: a browser new to the account enters this code before its password is checked. */
  'sign-in-check': { name: string; code: string; resetUrl: string };
  /** Wrong codes keep being entered for this account today. */
  'codes-failing': { name: string; wrongCodes: number; resetUrl: string };
  /** A web order waits for its money: the link opens the order page with its KHQR. */
  'order-placed': CustomerOrderMail & { total: string };
  /** Paid through Bakong, or by a screenshot staff accepted. */
  'payment-received': CustomerOrderMail & { total: string };
  'order-ready': CustomerOrderMail;
  /** A pre-order's stock arrived and is reserved for the customer: the rest to pay (formatted), and by when. */
  'pre-order-arrived': CustomerOrderMail & { balance: string; depositPaid: string; payBy: string };
  'order-shipped': CustomerOrderMail;
  /** Staff did not accept a payment screenshot; `reason` is theirs, written for the customer. */
  'payment-proof-rejected': OrderMail & { reason: string };
  /**
   * A product someone asked about is in stock again. To an address nobody has proven: the shop's words only (the
   * catalog's product name and its page).
   */
  'back-in-stock': { productName: string; productUrl: string };
  /** Someone opened an inquiry. Echoes nothing they typed (a customer's own name at most). */
  'support-received': SupportMail;
  /**
   * Staff answered an inquiry: the answer is in the mail, as guests can read it nowhere else. The staff member's
   * words are the shop's; a guest's subject is not repeated.
   */
  'support-reply': (({ subject: string } & CustomerMail) | GuestMail) & { reply: string; closed: boolean };
  // Mails to staff and admins about money and stock only people can settle (issue 9): a payment review holding
  // stock for long, the same once more to admins, and money that came for an order no longer waiting for it. They
  // carry no text a customer typed.
  'staff-review-waiting': StaffReviewMail;
  'staff-review-overdue': StaffReviewMail;
  'staff-refund-owed': OrderMail & { amount: string; orderStatus: string; bakongHash: string | null };
  /**
   * An admin invites someone to run the shop: the link (valid INVITATION_HOURS, once) lets them choose a password.
   * The name and the inviter's name were typed by an admin of the shop, so they may be shown.
   */
  'staff-invitation': { name: string; role: 'staff' | 'admin'; invitedBy: string; acceptUrl: string };
  /**
   * An in-app notification the reader asked to have mailed too (modules/notifications): its title and text as the
   * app shows them, in the reader's language; `url` opens the thing when it has a web page.
   */
  notification: { name: string; title: string; body: string; url: string | null };
  /**
   * A step of a warranty or repair claim (issue 18). Staff took the address at the counter or it is the buyer's
   * account's; `claimUrl` is the claim's page for a customer with an account (null for a walk-in). `quote`: a price
   * waiting for the customer's yes; `reason`: why staff refused the claim.
   */
  'claim-update': ClaimMail;
}

export interface ClaimMail {
  name: string;
  claimNumber: string;
  productName: string;
  serial: string;
  status: ClaimStatus;
  quote: string | null;
  reason: string | null;
  replacementSerial: string | null;
  claimUrl: string | null;
}

/**
 * Customers (signed in, so their address is proven) follow their inquiry on its page and are greeted by name; a
 * guest may have typed anyone's address, so their mails carry nothing the guest wrote, and they are answered by mail.
 */
export type SupportMail = CustomerMail | GuestMail;
interface CustomerMail {
  inquiryUrl: string;
  name: string;
}
interface GuestMail {
  inquiryUrl: null;
}

/** What every order mail carries: whose order, which one, and the link to its page. Totals come formatted. */
export interface OrderMail {
  name: string;
  orderNumber: string;
  orderUrl: string;
}

/**
 * What a customer can act on (issue 15): what they ordered, what it costs in dollars and riel, and how it reaches
 * them. Product names are the shop's catalog; a guest's delivery address was typed by someone whose address is not
 * proven, so it is never echoed (`deliveryTo` null): the order page shows it.
 */
export interface OrderSummary {
  lines: { name: string; quantity: number; amount: string }[];
  subtotal: string;
  /** Null for pickup and for free delivery. */
  deliveryFee: string | null;
  totalUsd: string;
  totalKhr: string;
  fulfilment: 'pickup' | 'delivery';
  /** Pickup: the shop's address and opening hours as its settings say them (null where not set). */
  pickup: { address: string | null; hours: string | null } | null;
  /** The days the delivery was promised in, after payment; null for pickup and older orders. */
  deliveryDays: { min: number; max: number } | null;
  /** Delivery to a customer's own saved address; null for pickup and for a guest. */
  deliveryTo: string[] | null;
  /** A line is a serialized item (a laptop, a graphics card): it is handed over against an ID card. */
  serialized: boolean;
}

export interface CustomerOrderMail extends OrderMail {
  summary: OrderSummary;
}

export interface StaffReviewMail extends OrderMail {
  /** How long the review has waited, in minutes. */
  waitingMinutes: number;
  /** What waits for a decision: a payment screenshot, or a Bakong payment that did not match the order. */
  why: 'screenshot' | 'mismatch';
  /** After this many hours in review the reserved items go back on sale. */
  releaseAfterHours: number;
}

export type MailTemplate = keyof MailData;

export const MAIL_TEMPLATES: readonly MailTemplate[] = [
  'verify-email',
  'login-code',
  'password-reset',
  'password-changed',
  'account-exists',
  'sign-in-check',
  'codes-failing',
  'order-placed',
  'payment-received',
  'order-ready',
  'pre-order-arrived',
  'order-shipped',
  'payment-proof-rejected',
  'back-in-stock',
  'support-received',
  'support-reply',
  'staff-review-waiting',
  'staff-review-overdue',
  'staff-refund-owed',
  'staff-invitation',
  'notification',
  'claim-update',
];

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'note'; text: string }
  /** Label and amount rows (an order's lines and totals); `strong` rows stand out (the total). */
  | { kind: 'rows'; rows: { label: string; value: string; strong?: boolean }[] }
  /** Someone's own words (a staff answer), line breaks kept. */
  | { kind: 'quote'; text: string }
  | { kind: 'code'; code: string }
  | { kind: 'button'; label: string; url: string }
  /** A link written out in full, for readers whose client does not show buttons. */
  | { kind: 'link'; label: string; url: string };

export interface MailContent {
  subject: string;
  /** The preview line inbox lists show next to the subject (hidden in the body). */
  preheader: string;
  blocks: Block[];
}

export interface MailCopy {
  /** "Hello Dara," or, without a name (or for an address nobody has proven), "Hello,". */
  hello: (name?: string) => string;
  /** The footer line saying why this mail came. */
  why: (shop: string) => string;
  /** The order's page as a button, and written out for clients that do not show buttons. */
  orderLink: (label: string, url: string) => Block[];
  /** What was ordered and what it costs, then how it reaches the customer and what happens next. */
  orderSummary: (summary: OrderSummary, orderNumber: string, step: OrderStep) => Block[];
  mails: { [T in MailTemplate]: (data: MailData[T], shop: string) => MailContent };
}

/** Where an order stands, for what the mail says happens next. */
export type OrderStep = 'placed' | 'paid' | 'ready' | 'shipped';

/** The words of an order mail's summary in one language; `orderSummaryIn` puts them together the same way for all. */
export interface SummaryWords {
  /** The table's labels, and how a quantity is written (Khmer digits in Khmer). */
  rows: {
    count: (n: number) => string;
    subtotal: string;
    delivery: string;
    total: string;
    totalKhr: string;
  };
  pickupAt: (address: string) => string;
  /** Pickup when the shop's settings give no address. */
  pickupAtShop: string;
  openingHours: (hours: string) => string;
  /** What the person collecting brings: with an ID card when a line is serialized. */
  bring: (orderNumber: string) => string;
  bringWithId: (orderNumber: string) => string;
  deliverTo: (address: string) => string;
  /** Delivery to a guest's address, which is never echoed (see `OrderSummary`). */
  deliverToCheckoutAddress: string;
  /** When a delivery should arrive, from the days promised to the order's province. */
  arrives: (days: { min: number; max: number }) => string;
  /** What happens next, by step, where it differs between pickup and delivery. */
  next: Record<OrderStep, string | Record<OrderSummary['fulfilment'], string>>;
}

/**
 * An order mail's summary in the language of `words`: the table of lines and totals, how the order reaches the
 * customer, and what happens next.
 */
export function orderSummaryIn(words: SummaryWords): MailCopy['orderSummary'] {
  return (s, orderNumber, step) => {
    let reach: string;
    if (s.fulfilment === 'pickup') {
      const where = [
        s.pickup?.address ? words.pickupAt(s.pickup.address) : words.pickupAtShop,
        s.pickup?.hours ? words.openingHours(s.pickup.hours) : null,
      ];
      const bring = s.serialized ? words.bringWithId(orderNumber) : words.bring(orderNumber);
      reach = [...where, bring].filter(Boolean).join(' ');
    } else {
      reach = s.deliveryTo ? words.deliverTo(s.deliveryTo.join(', ')) : words.deliverToCheckoutAddress;
    }
    const next = words.next[step];
    return [
      summaryRows(s, words.rows),
      { kind: 'p', text: reach },
      ...(s.fulfilment === 'delivery' && s.deliveryDays
        ? [{ kind: 'p' as const, text: words.arrives(s.deliveryDays) }]
        : []),
      { kind: 'p', text: typeof next === 'string' ? next : next[s.fulfilment] },
    ];
  };
}

/** The order's page as a button, then written out under `fallback` ("if the button does not work…"). */
export function orderLinkIn(fallback: string): MailCopy['orderLink'] {
  return (label, url) => [
    { kind: 'button', label, url },
    { kind: 'link', label: fallback, url },
  ];
}

/** The table of an order mail: each line, the subtotal, delivery, and the total in both currencies. */
function summaryRows(s: OrderSummary, words: SummaryWords['rows']): Block {
  return {
    kind: 'rows',
    rows: [
      ...s.lines.map((l) => ({ label: `${words.count(l.quantity)} × ${l.name}`, value: l.amount })),
      { label: words.subtotal, value: s.subtotal },
      ...(s.deliveryFee ? [{ label: words.delivery, value: s.deliveryFee }] : []),
      { label: words.total, value: s.totalUsd, strong: true },
      { label: words.totalKhr, value: s.totalKhr },
    ],
  };
}

/** How long a mailed code and a reset link stay valid, as every language's copy states it. */
export const CODE_MINUTES = 10;
export const RESET_MINUTES = 30;
export const INVITATION_HOURS = 72;

/** A customer's own name; nothing for a guest, who may have typed anyone's address. */
export const nameOf = (d: SupportMail) => (d.inquiryUrl === null ? '' : d.name);
