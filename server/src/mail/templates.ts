import type { ShopIdentity } from '../modules/settings/service';

/**
 * The shop's mails, in English and Khmer, each as responsive HTML (table layout, inline styles: what mail clients
 * render reliably) and as plain text built from the same content. Every value put into the HTML is escaped.
 * Subjects never contain a code or a link: they end up in mail logs and lock-screen previews.
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
  'order-placed': OrderMail & { total: string };
  /** Paid through Bakong, or by a screenshot staff accepted. */
  'payment-received': OrderMail & { total: string; fulfilment: 'pickup' | 'delivery' };
  'order-ready': OrderMail;
  'order-shipped': OrderMail;
  /** Staff did not accept a payment screenshot; `reason` is theirs, written for the customer. */
  'payment-proof-rejected': OrderMail & { reason: string };
  /** Someone opened an inquiry. Echoes nothing they typed (a customer's own name at most). */
  'support-received': SupportMail;
  /**
   * Staff answered an inquiry: the answer is in the mail, as guests can read it nowhere else. The staff member's
   * words are the shop's; a guest's subject is not repeated.
   */
  'support-reply': (({ subject: string } & CustomerMail) | GuestMail) & { reply: string; closed: boolean };
}

/**
 * Customers (signed in, so their address is proven) follow their inquiry on its page and are greeted by name; a
 * guest may have typed anyone's address, so their mails carry nothing the guest wrote, and they are answered by mail.
 */
type SupportMail = CustomerMail | GuestMail;
interface CustomerMail {
  inquiryUrl: string;
  name: string;
}
interface GuestMail {
  inquiryUrl: null;
}

/** What every order mail carries: whose order, which one, and the link to its page. Totals come formatted. */
interface OrderMail {
  name: string;
  orderNumber: string;
  orderUrl: string;
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
  'order-shipped',
  'payment-proof-rejected',
  'support-received',
  'support-reply',
  'staff-review-waiting',
  'staff-review-overdue',
  'staff-refund-owed',
];

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'note'; text: string }
  /** Someone's own words (a staff answer), line breaks kept. */
  | { kind: 'quote'; text: string }
  | { kind: 'code'; code: string }
  | { kind: 'button'; label: string; url: string }
  /** A link written out in full, for readers whose client does not show buttons. */
  | { kind: 'link'; label: string; url: string };

interface MailContent {
  subject: string;
  /** The preview line inbox lists show next to the subject (hidden in the body). */
  preheader: string;
  blocks: Block[];
}

type Texts = {
  [T in MailTemplate]: (data: MailData[T], shop: string) => MailContent;
};

interface Common {
  /** "Hello Dara," or, without a name (or for an address nobody has proven), "Hello,". */
  hello: (name?: string) => string;
  why: (shop: string) => string;
  /** The order's page as a button, and written out for clients that do not show buttons. */
  orderLink: (label: string, url: string) => Block[];
}

/** A customer's own name; nothing for a guest, who may have typed anyone's address. */
const nameOf = (d: SupportMail) => (d.inquiryUrl === null ? '' : d.name);

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';
const khmerNumber = (n: number) => String(n).replace(/\d/g, (d) => KHMER_DIGITS[Number(d)] ?? d);

const CODE_MINUTES = 10;
const RESET_MINUTES = 30;

const common: Record<MailLocale, Common> = {
  en: {
    hello: (name = '') => (name.trim() ? `Hello ${name.trim()},` : 'Hello,'),
    why: (shop) => `You receive this email because of an action on your account at ${shop}.`,
    orderLink: (label, url) => [
      { kind: 'button', label, url },
      { kind: 'link', label: 'If the button does not work, copy this address into your browser:', url },
    ],
  },
  km: {
    hello: (name = '') => (name.trim() ? `ជម្រាបសួរ ${name.trim()},` : 'ជម្រាបសួរ,'),
    why: (shop) => `អ្នកទទួលបានអ៊ីមែលនេះ ដោយសារមានសកម្មភាពលើគណនីរបស់អ្នកនៅ ${shop}។`,
    orderLink: (label, url) => [
      { kind: 'button', label, url },
      {
        kind: 'link',
        label: 'ប្រសិនបើប៊ូតុងមិនដំណើរការ សូមចម្លងអាសយដ្ឋាននេះទៅក្នុងកម្មវិធីរុករករបស់អ្នក៖',
        url,
      },
    ],
  },
};

const texts: Record<MailLocale, Texts> = {
  en: {
    'verify-email': (d, shop) => ({
      subject: `Verify your email address – ${shop}`,
      preheader: `Your verification code for ${shop} is inside.`,
      blocks: [
        { kind: 'p', text: common.en.hello() },
        {
          kind: 'p',
          text: `Thank you for signing up at ${shop}. Enter this code to verify your email address:`,
        },
        { kind: 'code', code: d.code },
        { kind: 'p', text: `The code is valid for ${CODE_MINUTES} minutes.` },
        { kind: 'note', text: 'If you did not create an account, you can ignore this email.' },
      ],
    }),
    'login-code': (d, shop) => ({
      subject: `Your sign-in code for ${shop}`,
      preheader: `Finish signing in to ${shop}.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        { kind: 'p', text: `To finish signing in to your ${shop} account, enter this code:` },
        { kind: 'code', code: d.code },
        {
          kind: 'p',
          text: `The code is valid for ${CODE_MINUTES} minutes. Never share it with anyone: our staff will never ask you for it.`,
        },
        {
          kind: 'note',
          text: 'If you did not try to sign in, someone may know your password: change it now.',
        },
      ],
    }),
    'password-reset': (d, shop) => ({
      subject: `Reset your password – ${shop}`,
      preheader: `Choose a new password for your ${shop} account.`,
      blocks: [
        { kind: 'p', text: common.en.hello() },
        {
          kind: 'p',
          text: `We received a request to reset the password of your ${shop} account. Use the button below to choose a new password:`,
        },
        { kind: 'button', label: 'Reset password', url: d.resetUrl },
        { kind: 'p', text: `This link is valid for ${RESET_MINUTES} minutes and works only once.` },
        {
          kind: 'link',
          label: 'If the button does not work, copy this address into your browser:',
          url: d.resetUrl,
        },
        {
          kind: 'note',
          text: 'If you did not ask for a new password, ignore this email: your password stays the same.',
        },
      ],
    }),
    'password-changed': (d, shop) => ({
      subject: `Your password was changed – ${shop}`,
      preheader: `The password of your ${shop} account was changed.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        { kind: 'p', text: `The password of your ${shop} account has just been changed.` },
        { kind: 'p', text: 'If this was you, there is nothing else to do.' },
        {
          kind: 'p',
          text: "If this wasn't you, reset your password right away with “Forgot password” on the sign-in page and contact us.",
        },
      ],
    }),
    'account-exists': (d, shop) => ({
      subject: `You already have an account at ${shop}`,
      preheader: 'Someone tried to sign up with your email address.',
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        {
          kind: 'p',
          text: `Someone tried to create a new ${shop} account with this email address, but you already have one. If this was you, simply sign in:`,
        },
        { kind: 'button', label: 'Sign in', url: d.signInUrl },
        { kind: 'link', label: 'Forgot your password? Choose a new one here:', url: d.resetUrl },
        {
          kind: 'note',
          text: "If this wasn't you, you can ignore this email: nothing has changed in your account.",
        },
      ],
    }),
    'sign-in-check': (d, shop) => ({
      subject: `Your sign-in code for ${shop}`,
      preheader: `Someone is signing in to your ${shop} account from a new device.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        {
          kind: 'p',
          text: `Someone is signing in to your ${shop} account from a browser or phone it has not seen before. If it is you, enter this code together with your password:`,
        },
        { kind: 'code', code: d.code },
        {
          kind: 'p',
          text: `The code is valid for ${CODE_MINUTES} minutes. Never share it with anyone: our staff will never ask you for it.`,
        },
        {
          kind: 'note',
          text: 'If this was not you, ignore this email: without the code nobody can sign in, even with your password. To be safe, you can choose a new password:',
        },
        { kind: 'link', label: 'Choose a new password:', url: d.resetUrl },
      ],
    }),
    'codes-failing': (d, shop) => ({
      subject: `Wrong sign-in codes for your ${shop} account`,
      preheader: `Someone entered ${d.wrongCodes} wrong codes for your ${shop} account today.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        {
          kind: 'p',
          text: `Today ${d.wrongCodes} wrong codes were entered while signing in to your ${shop} account. If this was not you, someone may be trying to get into your account.`,
        },
        {
          kind: 'p',
          text: 'Your account is safe as long as nobody has your codes. To be sure, choose a new password: it also ends every sign-in on other devices.',
        },
        { kind: 'button', label: 'Choose a new password', url: d.resetUrl },
        {
          kind: 'link',
          label: 'If the button does not work, copy this address into your browser:',
          url: d.resetUrl,
        },
      ],
    }),
    'order-placed': (d, shop) => ({
      subject: `Your order ${d.orderNumber} at ${shop}`,
      preheader: `Pay ${d.total} with KHQR to confirm order ${d.orderNumber}.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        { kind: 'p', text: `Thank you for your order ${d.orderNumber}. The total is ${d.total}.` },
        {
          kind: 'p',
          text: 'To pay, open your order and scan its KHQR code with your bank app. Your items are reserved while the code is valid; if it runs out, you can get a new one on the same page.',
        },
        ...common.en.orderLink('Pay now', d.orderUrl),
        { kind: 'note', text: 'We will email you as soon as your payment has arrived.' },
      ],
    }),
    'payment-received': (d, shop) => ({
      subject: `Payment received for order ${d.orderNumber} – ${shop}`,
      preheader: `We received ${d.total} for order ${d.orderNumber}.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        {
          kind: 'p',
          text: `We have received your payment of ${d.total} for order ${d.orderNumber}. Thank you!`,
        },
        {
          kind: 'p',
          text:
            d.fulfilment === 'pickup'
              ? 'We are preparing your order and will email you when it is ready for pickup.'
              : 'We are preparing your order and will email you when it is on its way.',
        },
        ...common.en.orderLink('View your order', d.orderUrl),
      ],
    }),
    'order-ready': (d, shop) => ({
      subject: `Order ${d.orderNumber} is ready for pickup – ${shop}`,
      preheader: `Come and collect order ${d.orderNumber} at ${shop}.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        { kind: 'p', text: `Good news: your order ${d.orderNumber} is ready for pickup.` },
        {
          kind: 'p',
          text: `Show your order number ${d.orderNumber} at the counter when you come. Our address is below.`,
        },
        ...common.en.orderLink('View your order', d.orderUrl),
      ],
    }),
    'order-shipped': (d, shop) => ({
      subject: `Order ${d.orderNumber} is on its way – ${shop}`,
      preheader: `Your order ${d.orderNumber} has left ${shop}.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        { kind: 'p', text: `Your order ${d.orderNumber} is on its way to you.` },
        { kind: 'p', text: 'Please keep your phone nearby: the courier may call you before arriving.' },
        ...common.en.orderLink('View your order', d.orderUrl),
      ],
    }),
    'payment-proof-rejected': (d, shop) => ({
      subject: `About your payment screenshot for order ${d.orderNumber} – ${shop}`,
      preheader: `We could not confirm the payment for order ${d.orderNumber} from your screenshot.`,
      blocks: [
        { kind: 'p', text: common.en.hello(d.name) },
        {
          kind: 'p',
          text: `We checked the payment screenshot you sent for order ${d.orderNumber}, but we could not accept it as payment.`,
        },
        { kind: 'p', text: `Reason: ${d.reason}` },
        {
          kind: 'p',
          text: 'If you have paid, please send a clearer screenshot that shows the amount, the date and the receiver, or contact us. If you have not paid yet, you can pay with the KHQR code on your order page.',
        },
        ...common.en.orderLink('Open your order', d.orderUrl),
      ],
    }),
    'support-received': (d, shop) => ({
      subject: `We received your message – ${shop}`,
      preheader: `Thank you for contacting ${shop}. We will answer soon.`,
      blocks: [
        { kind: 'p', text: common.en.hello(nameOf(d)) },
        {
          kind: 'p',
          text: `Thank you for contacting ${shop}. We have received your message and will answer as soon as we can.`,
        },
        ...(d.inquiryUrl
          ? [
              {
                kind: 'p' as const,
                text: 'You can follow the conversation and write to us again on your account page:',
              },
              ...common.en.orderLink('View your message', d.inquiryUrl),
            ]
          : [{ kind: 'p' as const, text: 'We will answer you by email, at this address.' }]),
        { kind: 'note', text: 'If you did not write to us, you can ignore this email.' },
      ],
    }),
    'support-reply': (d, shop) => ({
      subject: `We answered your message – ${shop}`,
      preheader: `Read the answer from ${shop}.`,
      blocks: [
        { kind: 'p', text: common.en.hello(nameOf(d)) },
        {
          kind: 'p',
          text:
            d.inquiryUrl === null
              ? 'We have answered your message:'
              : `We have answered your message “${d.subject}”:`,
        },
        { kind: 'quote', text: d.reply },
        ...(d.closed
          ? [
              {
                kind: 'p' as const,
                text: 'We consider your question answered and have closed it. If you need anything else, just write to us again.',
              },
            ]
          : []),
        ...(d.inquiryUrl
          ? common.en.orderLink('Read and reply', d.inquiryUrl)
          : [
              {
                kind: 'p' as const,
                text: 'To answer, please send us a new message from our website.',
              },
            ]),
      ],
    }),
    ...staffNoticeTexts('en'),
  },
  km: {
    'verify-email': (d, shop) => ({
      subject: `ផ្ទៀងផ្ទាត់អាសយដ្ឋានអ៊ីមែលរបស់អ្នក – ${shop}`,
      preheader: `លេខកូដផ្ទៀងផ្ទាត់សម្រាប់ ${shop} មាននៅក្នុងអ៊ីមែលនេះ។`,
      blocks: [
        { kind: 'p', text: common.km.hello() },
        {
          kind: 'p',
          text: `សូមអរគុណសម្រាប់ការចុះឈ្មោះនៅ ${shop}។ សូមបញ្ចូលលេខកូដនេះ ដើម្បីផ្ទៀងផ្ទាត់អាសយដ្ឋានអ៊ីមែលរបស់អ្នក៖`,
        },
        { kind: 'code', code: d.code },
        { kind: 'p', text: `លេខកូដនេះមានសុពលភាពរយៈពេល ${khmerNumber(CODE_MINUTES)} នាទី។` },
        { kind: 'note', text: 'ប្រសិនបើអ្នកមិនបានបង្កើតគណនីទេ អ្នកអាចមិនអើពើនឹងអ៊ីមែលនេះបាន។' },
      ],
    }),
    'login-code': (d, shop) => ({
      subject: `លេខកូដសម្រាប់ចូលគណនី ${shop}`,
      preheader: `បញ្ចប់ការចូលគណនី ${shop} របស់អ្នក។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        { kind: 'p', text: `ដើម្បីបញ្ចប់ការចូលគណនី ${shop} របស់អ្នក សូមបញ្ចូលលេខកូដនេះ៖` },
        { kind: 'code', code: d.code },
        {
          kind: 'p',
          text: `លេខកូដនេះមានសុពលភាពរយៈពេល ${khmerNumber(CODE_MINUTES)} នាទី។ កុំចែករំលែកលេខកូដនេះជាមួយនរណាម្នាក់ឡើយ។ បុគ្គលិករបស់យើងមិនដែលសុំលេខកូដនេះពីអ្នកទេ។`,
        },
        {
          kind: 'note',
          text: 'ប្រសិនបើអ្នកមិនបានព្យាយាមចូលគណនីទេ អាចមាននរណាម្នាក់ដឹងពាក្យសម្ងាត់របស់អ្នក។ សូមប្ដូរពាក្យសម្ងាត់របស់អ្នកភ្លាមៗ។',
        },
      ],
    }),
    'password-reset': (d, shop) => ({
      subject: `កំណត់ពាក្យសម្ងាត់ឡើងវិញ – ${shop}`,
      preheader: `ជ្រើសរើសពាក្យសម្ងាត់ថ្មីសម្រាប់គណនី ${shop} របស់អ្នក។`,
      blocks: [
        { kind: 'p', text: common.km.hello() },
        {
          kind: 'p',
          text: `យើងបានទទួលសំណើសុំកំណត់ពាក្យសម្ងាត់ឡើងវិញសម្រាប់គណនី ${shop} របស់អ្នក។ សូមចុចប៊ូតុងខាងក្រោម ដើម្បីជ្រើសរើសពាក្យសម្ងាត់ថ្មី៖`,
        },
        { kind: 'button', label: 'កំណត់ពាក្យសម្ងាត់ឡើងវិញ', url: d.resetUrl },
        {
          kind: 'p',
          text: `តំណនេះមានសុពលភាពរយៈពេល ${khmerNumber(RESET_MINUTES)} នាទី ហើយអាចប្រើបានតែម្ដងប៉ុណ្ណោះ។`,
        },
        {
          kind: 'link',
          label: 'ប្រសិនបើប៊ូតុងមិនដំណើរការ សូមចម្លងអាសយដ្ឋាននេះទៅក្នុងកម្មវិធីរុករករបស់អ្នក៖',
          url: d.resetUrl,
        },
        {
          kind: 'note',
          text: 'ប្រសិនបើអ្នកមិនបានស្នើសុំពាក្យសម្ងាត់ថ្មីទេ អ្នកអាចមិនអើពើនឹងអ៊ីមែលនេះបាន។ ពាក្យសម្ងាត់របស់អ្នកនៅតែដដែល។',
        },
      ],
    }),
    'password-changed': (d, shop) => ({
      subject: `ពាក្យសម្ងាត់របស់អ្នកត្រូវបានប្ដូរ – ${shop}`,
      preheader: `ពាក្យសម្ងាត់នៃគណនី ${shop} របស់អ្នកត្រូវបានប្ដូរ។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        { kind: 'p', text: `ពាក្យសម្ងាត់នៃគណនី ${shop} របស់អ្នក ទើបតែត្រូវបានប្ដូរ។` },
        { kind: 'p', text: 'ប្រសិនបើនេះជាអ្នក អ្នកមិនចាំបាច់ធ្វើអ្វីទៀតទេ។' },
        {
          kind: 'p',
          text: 'ប្រសិនបើមិនមែនជាអ្នកទេ សូមកំណត់ពាក្យសម្ងាត់ឡើងវិញភ្លាមៗ តាមរយៈ «ភ្លេចពាក្យសម្ងាត់» នៅទំព័រចូលគណនី ហើយទាក់ទងមកយើង។',
        },
      ],
    }),
    'account-exists': (d, shop) => ({
      subject: `អ្នកមានគណនីនៅ ${shop} រួចហើយ`,
      preheader: 'មាននរណាម្នាក់បានព្យាយាមចុះឈ្មោះដោយប្រើអាសយដ្ឋានអ៊ីមែលរបស់អ្នក។',
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        {
          kind: 'p',
          text: `មាននរណាម្នាក់បានព្យាយាមបង្កើតគណនី ${shop} ថ្មី ដោយប្រើអាសយដ្ឋានអ៊ីមែលនេះ ប៉ុន្តែអ្នកមានគណនីរួចហើយ។ ប្រសិនបើនេះជាអ្នក សូមចូលគណនីរបស់អ្នក៖`,
        },
        { kind: 'button', label: 'ចូលគណនី', url: d.signInUrl },
        { kind: 'link', label: 'ភ្លេចពាក្យសម្ងាត់? សូមជ្រើសរើសពាក្យសម្ងាត់ថ្មីនៅទីនេះ៖', url: d.resetUrl },
        {
          kind: 'note',
          text: 'ប្រសិនបើមិនមែនជាអ្នកទេ អ្នកអាចមិនអើពើនឹងអ៊ីមែលនេះបាន។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរនៅក្នុងគណនីរបស់អ្នកទេ។',
        },
      ],
    }),
    'sign-in-check': (d, shop) => ({
      subject: `លេខកូដសម្រាប់ចូលគណនី ${shop}`,
      preheader: `មាននរណាម្នាក់កំពុងចូលគណនី ${shop} របស់អ្នកពីឧបករណ៍ថ្មី។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        {
          kind: 'p',
          text: `មាននរណាម្នាក់កំពុងចូលគណនី ${shop} របស់អ្នក ពីកម្មវិធីរុករក ឬទូរស័ព្ទដែលមិនធ្លាប់ប្រើពីមុនមក។ ប្រសិនបើជាអ្នក សូមបញ្ចូលលេខកូដនេះ រួមជាមួយពាក្យសម្ងាត់របស់អ្នក៖`,
        },
        { kind: 'code', code: d.code },
        {
          kind: 'p',
          text: `លេខកូដនេះមានសុពលភាពរយៈពេល ${khmerNumber(CODE_MINUTES)} នាទី។ កុំចែករំលែកលេខកូដនេះជាមួយនរណាម្នាក់ឡើយ។ បុគ្គលិករបស់យើងមិនដែលសុំលេខកូដនេះពីអ្នកទេ។`,
        },
        {
          kind: 'note',
          text: 'ប្រសិនបើមិនមែនជាអ្នកទេ សូមមិនអើពើនឹងអ៊ីមែលនេះ៖ បើគ្មានលេខកូដនេះទេ គ្មាននរណាម្នាក់អាចចូលគណនីបានឡើយ ទោះបីជាគេដឹងពាក្យសម្ងាត់ក៏ដោយ។ ដើម្បីសុវត្ថិភាព អ្នកអាចជ្រើសរើសពាក្យសម្ងាត់ថ្មី៖',
        },
        { kind: 'link', label: 'ជ្រើសរើសពាក្យសម្ងាត់ថ្មី៖', url: d.resetUrl },
      ],
    }),
    'codes-failing': (d, shop) => ({
      subject: `លេខកូដចូលគណនី ${shop} ខុស`,
      preheader: `ថ្ងៃនេះ មាននរណាម្នាក់បានបញ្ចូលលេខកូដខុស ${khmerNumber(d.wrongCodes)} ដងសម្រាប់គណនី ${shop} របស់អ្នក។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        {
          kind: 'p',
          text: `ថ្ងៃនេះ លេខកូដខុសចំនួន ${khmerNumber(d.wrongCodes)} ត្រូវបានបញ្ចូល ពេលចូលគណនី ${shop} របស់អ្នក។ ប្រសិនបើមិនមែនជាអ្នកទេ ប្រហែលជាមាននរណាម្នាក់កំពុងព្យាយាមចូលគណនីរបស់អ្នក។`,
        },
        {
          kind: 'p',
          text: 'គណនីរបស់អ្នកនៅតែមានសុវត្ថិភាព ដរាបណាគ្មាននរណាម្នាក់មានលេខកូដរបស់អ្នក។ ដើម្បីប្រាកដ សូមជ្រើសរើសពាក្យសម្ងាត់ថ្មី៖ វាក៏បញ្ចប់ការចូលគណនីនៅលើឧបករណ៍ផ្សេងទៀតទាំងអស់ផងដែរ។',
        },
        { kind: 'button', label: 'ជ្រើសរើសពាក្យសម្ងាត់ថ្មី', url: d.resetUrl },
        {
          kind: 'link',
          label: 'ប្រសិនបើប៊ូតុងមិនដំណើរការ សូមចម្លងអាសយដ្ឋាននេះទៅក្នុងកម្មវិធីរុករករបស់អ្នក៖',
          url: d.resetUrl,
        },
      ],
    }),
    'order-placed': (d, shop) => ({
      subject: `ការបញ្ជាទិញ ${d.orderNumber} របស់អ្នកនៅ ${shop}`,
      preheader: `សូមបង់ប្រាក់ ${d.total} តាម KHQR ដើម្បីបញ្ជាក់ការបញ្ជាទិញ ${d.orderNumber}។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        {
          kind: 'p',
          text: `សូមអរគុណសម្រាប់ការបញ្ជាទិញ ${d.orderNumber} របស់អ្នក។ ចំនួនទឹកប្រាក់សរុបគឺ ${d.total}។`,
        },
        {
          kind: 'p',
          text: 'ដើម្បីបង់ប្រាក់ សូមបើកការបញ្ជាទិញរបស់អ្នក ហើយស្កេនកូដ KHQR ដោយប្រើកម្មវិធីធនាគាររបស់អ្នក។ ទំនិញរបស់អ្នកត្រូវបានរក្សាទុក ខណៈពេលដែលកូដនៅមានសុពលភាព។ ប្រសិនបើកូដផុតកំណត់ អ្នកអាចយកកូដថ្មីនៅលើទំព័រដដែល។',
        },
        ...common.km.orderLink('បង់ប្រាក់ឥឡូវនេះ', d.orderUrl),
        { kind: 'note', text: 'យើងនឹងផ្ញើអ៊ីមែលមកអ្នក ភ្លាមៗនៅពេលយើងទទួលបានការបង់ប្រាក់របស់អ្នក។' },
      ],
    }),
    'payment-received': (d, shop) => ({
      subject: `បានទទួលការបង់ប្រាក់សម្រាប់ការបញ្ជាទិញ ${d.orderNumber} – ${shop}`,
      preheader: `យើងបានទទួល ${d.total} សម្រាប់ការបញ្ជាទិញ ${d.orderNumber}។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        {
          kind: 'p',
          text: `យើងបានទទួលការបង់ប្រាក់ចំនួន ${d.total} របស់អ្នក សម្រាប់ការបញ្ជាទិញ ${d.orderNumber}។ សូមអរគុណ!`,
        },
        {
          kind: 'p',
          text:
            d.fulfilment === 'pickup'
              ? 'យើងកំពុងរៀបចំការបញ្ជាទិញរបស់អ្នក ហើយនឹងផ្ញើអ៊ីមែលមកអ្នក នៅពេលវារួចរាល់សម្រាប់មកយក។'
              : 'យើងកំពុងរៀបចំការបញ្ជាទិញរបស់អ្នក ហើយនឹងផ្ញើអ៊ីមែលមកអ្នក នៅពេលវាកំពុងដឹកជញ្ជូនទៅកាន់អ្នក។',
        },
        ...common.km.orderLink('មើលការបញ្ជាទិញរបស់អ្នក', d.orderUrl),
      ],
    }),
    'order-ready': (d, shop) => ({
      subject: `ការបញ្ជាទិញ ${d.orderNumber} រួចរាល់សម្រាប់មកយកហើយ – ${shop}`,
      preheader: `សូមអញ្ជើញមកយកការបញ្ជាទិញ ${d.orderNumber} នៅ ${shop}។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        { kind: 'p', text: `ដំណឹងល្អ៖ ការបញ្ជាទិញ ${d.orderNumber} របស់អ្នក រួចរាល់សម្រាប់មកយកហើយ។` },
        {
          kind: 'p',
          text: `សូមបង្ហាញលេខការបញ្ជាទិញ ${d.orderNumber} នៅតុបញ្ជរ នៅពេលអ្នកមកដល់ហាង។ អាសយដ្ឋានរបស់យើងមាននៅខាងក្រោម។`,
        },
        ...common.km.orderLink('មើលការបញ្ជាទិញរបស់អ្នក', d.orderUrl),
      ],
    }),
    'order-shipped': (d, shop) => ({
      subject: `ការបញ្ជាទិញ ${d.orderNumber} កំពុងដឹកជញ្ជូនទៅកាន់អ្នក – ${shop}`,
      preheader: `ការបញ្ជាទិញ ${d.orderNumber} របស់អ្នកបានចេញពី ${shop} ហើយ។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        { kind: 'p', text: `ការបញ្ជាទិញ ${d.orderNumber} របស់អ្នក កំពុងដឹកជញ្ជូនទៅកាន់អ្នក។` },
        {
          kind: 'p',
          text: 'សូមទុកទូរស័ព្ទរបស់អ្នកនៅជិតខ្លួន៖ អ្នកដឹកជញ្ជូនអាចនឹងទូរស័ព្ទមកអ្នក មុនពេលមកដល់។',
        },
        ...common.km.orderLink('មើលការបញ្ជាទិញរបស់អ្នក', d.orderUrl),
      ],
    }),
    'payment-proof-rejected': (d, shop) => ({
      subject: `អំពីរូបថតអេក្រង់នៃការបង់ប្រាក់សម្រាប់ការបញ្ជាទិញ ${d.orderNumber} – ${shop}`,
      preheader: `យើងមិនអាចបញ្ជាក់ការបង់ប្រាក់សម្រាប់ការបញ្ជាទិញ ${d.orderNumber} ពីរូបថតអេក្រង់របស់អ្នកបានទេ។`,
      blocks: [
        { kind: 'p', text: common.km.hello(d.name) },
        {
          kind: 'p',
          text: `យើងបានពិនិត្យរូបថតអេក្រង់នៃការបង់ប្រាក់ ដែលអ្នកបានផ្ញើសម្រាប់ការបញ្ជាទិញ ${d.orderNumber} ប៉ុន្តែយើងមិនអាចទទួលយកវាជាការបង់ប្រាក់បានទេ។`,
        },
        { kind: 'p', text: `មូលហេតុ៖ ${d.reason}` },
        {
          kind: 'p',
          text: 'ប្រសិនបើអ្នកបានបង់ប្រាក់រួចហើយ សូមផ្ញើរូបថតអេក្រង់ដែលច្បាស់ជាងនេះ ដែលបង្ហាញពីចំនួនទឹកប្រាក់ កាលបរិច្ឆេទ និងអ្នកទទួល ឬទាក់ទងមកយើង។ ប្រសិនបើអ្នកមិនទាន់បានបង់ប្រាក់ទេ អ្នកអាចបង់ប្រាក់តាមកូដ KHQR នៅលើទំព័រការបញ្ជាទិញរបស់អ្នក។',
        },
        ...common.km.orderLink('បើកការបញ្ជាទិញរបស់អ្នក', d.orderUrl),
      ],
    }),
    'support-received': (d, shop) => ({
      subject: `យើងបានទទួលសាររបស់អ្នកហើយ – ${shop}`,
      preheader: `សូមអរគុណដែលបានទាក់ទងមក ${shop}។ យើងនឹងឆ្លើយតបឆាប់ៗនេះ។`,
      blocks: [
        { kind: 'p', text: common.km.hello(nameOf(d)) },
        {
          kind: 'p',
          text: `សូមអរគុណដែលបានទាក់ទងមក ${shop}។ យើងបានទទួលសាររបស់អ្នកហើយ ហើយនឹងឆ្លើយតបឱ្យបានឆាប់តាមដែលអាចធ្វើទៅបាន។`,
        },
        ...(d.inquiryUrl
          ? [
              {
                kind: 'p' as const,
                text: 'អ្នកអាចតាមដានការសន្ទនា និងសរសេរមកយើងម្ដងទៀត នៅលើទំព័រគណនីរបស់អ្នក៖',
              },
              ...common.km.orderLink('មើលសាររបស់អ្នក', d.inquiryUrl),
            ]
          : [{ kind: 'p' as const, text: 'យើងនឹងឆ្លើយតបទៅអ្នកតាមរយៈអ៊ីមែល តាមអាសយដ្ឋាននេះ។' }]),
        { kind: 'note', text: 'ប្រសិនបើអ្នកមិនបានសរសេរមកយើងទេ អ្នកអាចមិនអើពើនឹងអ៊ីមែលនេះបាន។' },
      ],
    }),
    'support-reply': (d, shop) => ({
      subject: `យើងបានឆ្លើយតបសាររបស់អ្នកហើយ – ${shop}`,
      preheader: `សូមអានចម្លើយពី ${shop}។`,
      blocks: [
        { kind: 'p', text: common.km.hello(nameOf(d)) },
        {
          kind: 'p',
          text: d.inquiryUrl === null ? 'យើងបានឆ្លើយតបសាររបស់អ្នក៖' : `យើងបានឆ្លើយតបសាររបស់អ្នក «${d.subject}»៖`,
        },
        { kind: 'quote', text: d.reply },
        ...(d.closed
          ? [
              {
                kind: 'p' as const,
                text: 'យើងយល់ថាសំណួររបស់អ្នកត្រូវបានឆ្លើយរួចហើយ ដូច្នេះយើងបានបិទវា។ ប្រសិនបើអ្នកត្រូវការអ្វីផ្សេងទៀត សូមសរសេរមកយើងម្ដងទៀត។',
              },
            ]
          : []),
        ...(d.inquiryUrl
          ? common.km.orderLink('អាន និងឆ្លើយតប', d.inquiryUrl)
          : [
              {
                kind: 'p' as const,
                text: 'ដើម្បីឆ្លើយតប សូមផ្ញើសារថ្មីមកយើងពីគេហទំព័ររបស់យើង។',
              },
            ]),
      ],
    }),
    ...staffNoticeTexts('km'),
  },
};

/** Renders one mail: subject, HTML and plain text, with the shop's name, logo and contact details. */
export function renderMail<T extends MailTemplate>(
  template: T,
  locale: MailLocale,
  data: MailData[T],
  shop: ShopIdentity,
): RenderedMail {
  const lang: MailLocale = locale === 'km' ? 'km' : 'en';
  const build = texts[lang][template] as (data: MailData[T], shop: string) => MailContent | undefined;
  if (typeof build !== 'function') throw new Error(`unknown mail template: ${String(template)}`);
  const shopName = lang === 'km' ? shop.nameKm || shop.name : shop.name;
  const content = build(data, shopName);
  if (!content) throw new Error(`unknown mail template: ${String(template)}`);
  for (const block of content.blocks) {
    if (block.kind === 'button' || block.kind === 'link') assertWebUrl(block.url, template);
  }
  return {
    subject: oneLine(content.subject),
    html: renderHtml(lang, content, shop, shopName),
    text: renderText(lang, content, shop, shopName),
  };
}

function assertWebUrl(url: string, template: string): void {
  if (!/^https?:\/\/[^\s]+$/i.test(url))
    throw new Error(`mail ${template}: links must be absolute http(s) URLs`);
}

const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ').trim();

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// ---------------------------------------------------------------------------------------------------------- text

function renderText(locale: MailLocale, content: MailContent, shop: ShopIdentity, shopName: string): string {
  const parts: string[] = [];
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'p':
      case 'note':
      case 'quote':
        parts.push(block.text);
        break;
      case 'code':
        parts.push(`    ${block.code}`);
        break;
      case 'button':
        parts.push(`${block.label}:\n${block.url}`);
        break;
      case 'link':
        parts.push(`${block.label}\n${block.url}`);
        break;
    }
  }
  const contact = contactLines(shop);
  parts.push(['--', shopName, ...contact.map((c) => c.text)].join('\n'));
  parts.push(common[locale].why(shopName));
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------- html

const COLORS = {
  page: '#f1f5f9',
  card: '#ffffff',
  text: '#0f172a',
  muted: '#64748b',
  border: '#e2e8f0',
  accent: '#1d4ed8',
  codeBg: '#f8fafc',
};

const FONTS: Record<MailLocale, { family: string; lineHeight: string }> = {
  en: {
    family: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    lineHeight: '1.6',
  },
  // Khmer stacks subscripts and vowels above and below the line: it needs a Khmer font and more line height.
  km: {
    family:
      "'Noto Sans Khmer', 'Khmer OS Siemreap', 'Khmer OS System', 'Khmer OS', 'Leelawadee UI', 'Khmer UI', Arial, sans-serif",
    lineHeight: '1.9',
  },
};

const MONO = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";

function renderHtml(locale: MailLocale, content: MailContent, shop: ShopIdentity, shopName: string): string {
  const font = FONTS[locale];
  const e = escapeHtml;
  const body = content.blocks.map((block) => htmlBlock(block, font)).join('\n');
  const logo =
    shop.logoUrl && /^https?:\/\/[^\s]+$/i.test(shop.logoUrl)
      ? `<img src="${e(shop.logoUrl)}" alt="${e(shopName)}" height="40" style="display:block;height:40px;width:auto;max-width:200px;border:0;outline:none;text-decoration:none;margin:0 0 8px 0;">`
      : '';
  const contact = contactLines(shop)
    .map((c) =>
      c.kind === 'email'
        ? `<a href="mailto:${e(c.text)}" style="color:${COLORS.muted};text-decoration:underline;">${e(c.text)}</a>`
        : e(c.text),
    )
    .join('<br>');

  return `<!DOCTYPE html>
<html lang="${locale}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${e(content.subject)}</title>
<style>
  @media only screen and (max-width: 620px) {
    .card { padding: 24px 18px !important; }
    .code { font-size: 28px !important; letter-spacing: 6px !important; }
  }
</style>
</head>
<body style="margin:0;padding:0;background-color:${COLORS.page};-webkit-text-size-adjust:100%;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:${COLORS.page};">${e(content.preheader)}</div>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:${COLORS.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:600px;width:100%;">
<tr><td style="padding:0 4px 16px 4px;font-family:${font.family};color:${COLORS.text};">
${logo}<div style="font-size:20px;font-weight:700;line-height:1.4;color:${COLORS.text};">${e(shopName)}</div>
</td></tr>
<tr><td class="card" style="background-color:${COLORS.card};border:1px solid ${COLORS.border};border-radius:10px;padding:32px 36px;font-family:${font.family};font-size:16px;line-height:${font.lineHeight};color:${COLORS.text};">
${body}
</td></tr>
<tr><td style="padding:20px 4px;font-family:${font.family};font-size:13px;line-height:${font.lineHeight};color:${COLORS.muted};">
<strong style="color:${COLORS.text};">${e(shopName)}</strong>${contact ? `<br>${contact}` : ''}
<p style="margin:12px 0 0 0;">${e(common[locale].why(shopName))}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function htmlBlock(block: Block, font: { family: string; lineHeight: string }): string {
  const e = escapeHtml;
  switch (block.kind) {
    case 'p':
      return `<p style="margin:0 0 16px 0;">${e(block.text)}</p>`;
    case 'note':
      return `<p style="margin:16px 0 0 0;font-size:14px;color:${COLORS.muted};">${e(block.text)}</p>`;
    case 'quote':
      return `<div style="margin:0 0 16px 0;padding:12px 16px;border-left:4px solid ${COLORS.accent};background-color:${COLORS.codeBg};white-space:pre-wrap;">${e(block.text)}</div>`;
    case 'code':
      return `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px 0;">
<tr><td class="code" style="background-color:${COLORS.codeBg};border:1px solid ${COLORS.border};border-radius:8px;padding:14px 24px;font-family:${MONO};font-size:34px;font-weight:700;letter-spacing:8px;line-height:1.2;color:${COLORS.text};text-align:center;">${e(block.code)}</td></tr>
</table>`;
    case 'button':
      return `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px 0;">
<tr><td align="center" bgcolor="${COLORS.accent}" style="border-radius:6px;background-color:${COLORS.accent};">
<a href="${e(block.url)}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 28px;font-family:${font.family};font-size:16px;font-weight:600;line-height:1.5;color:#ffffff;text-decoration:none;border-radius:6px;">${e(block.label)}</a>
</td></tr>
</table>`;
    case 'link':
      return `<p style="margin:0 0 16px 0;font-size:14px;color:${COLORS.muted};">${e(block.label)}<br>
<a href="${e(block.url)}" target="_blank" rel="noopener" style="color:${COLORS.accent};word-break:break-all;">${e(block.url)}</a></p>`;
  }
}

function contactLines(shop: ShopIdentity): { kind: 'phone' | 'email' | 'address'; text: string }[] {
  const lines: { kind: 'phone' | 'email' | 'address'; text: string }[] = [];
  if (shop.phone) lines.push({ kind: 'phone', text: oneLine(shop.phone) });
  if (shop.supportEmail) lines.push({ kind: 'email', text: oneLine(shop.supportEmail) });
  if (shop.address) lines.push({ kind: 'address', text: oneLine(shop.address) });
  return lines;
}

// --------------------------------------------------------------------------------------------------- staff notices

/**
 * Mails to staff and admins about money and stock only people can settle (issue 9): a payment review holding stock
 * for long, the same once more to admins, and money that came for an order no longer waiting for it. They carry no
 * text a customer typed.
 */
export interface MailData {
  'staff-review-waiting': StaffReviewMail;
  'staff-review-overdue': StaffReviewMail;
  'staff-refund-owed': OrderMail & { amount: string; orderStatus: string; bakongHash: string | null };
}

interface StaffReviewMail extends OrderMail {
  /** How long the review has waited, in minutes. */
  waitingMinutes: number;
  /** What waits for a decision: a payment screenshot, or a Bakong payment that did not match the order. */
  why: 'screenshot' | 'mismatch';
  /** After this many hours in review the reserved items go back on sale. */
  releaseAfterHours: number;
}

type StaffNotice = 'staff-review-waiting' | 'staff-review-overdue' | 'staff-refund-owed';

// A function, not a constant: `texts` above is built with these while the module loads.
function staffNoticeTexts(locale: MailLocale): Pick<Texts, StaffNotice> {
  const hello = common[locale].hello;
  const link = common[locale].orderLink;
  if (locale === 'km') {
    const duration = (minutes: number) =>
      minutes < 120 ? `${khmerNumber(minutes)} នាទី` : `${khmerNumber(Math.floor(minutes / 60))} ម៉ោង`;
    const why = (d: StaffReviewMail) =>
      d.why === 'screenshot'
        ? 'មានរូបថតអេក្រង់នៃការបង់ប្រាក់ដែលត្រូវពិនិត្យ'
        : 'ការបង់ប្រាក់តាម Bakong មិនត្រូវនឹងអ្វីដែលការបញ្ជាទិញបានស្នើសុំ';
    return {
      'staff-review-waiting': (d, shop) => ({
        subject: `ការពិនិត្យការបង់ប្រាក់កំពុងរង់ចាំ៖ ការបញ្ជាទិញ ${d.orderNumber} – ${shop}`,
        preheader: `ការបញ្ជាទិញ ${d.orderNumber} កំពុងរង់ចាំការសម្រេច ខណៈទំនិញរបស់វាត្រូវបានរក្សាទុក។`,
        blocks: [
          { kind: 'p', text: hello(d.name) },
          {
            kind: 'p',
            text: `ការបញ្ជាទិញ ${d.orderNumber} បានរង់ចាំការពិនិត្យការបង់ប្រាក់អស់រយៈពេល ${duration(d.waitingMinutes)}៖ ${why(d)}។ ទំនិញរបស់វានៅតែត្រូវបានរក្សាទុក រហូតដល់មាននរណាម្នាក់សម្រេច។`,
          },
          {
            kind: 'p',
            text: `សូមទទួលយក ឬបដិសេធការបង់ប្រាក់នៅក្នុងផ្នែកគ្រប់គ្រង។ ប្រសិនបើគ្មាននរណាម្នាក់សម្រេចក្នុងរយៈពេល ${khmerNumber(d.releaseAfterHours)} ម៉ោង ចាប់ពីពេលចាប់ផ្តើមពិនិត្យ ទំនិញដែលបានរក្សាទុកនឹងត្រឡប់ទៅលក់វិញ។ ការបញ្ជាទិញនៅតែស្ថិតក្នុងការពិនិត្យ ហើយការទទួលយកវានៅពេលនោះ នឹងលក់ពីស្តុកដែលនៅមាន។`,
          },
          ...link('បើកការបញ្ជាទិញ', d.orderUrl),
          {
            kind: 'note',
            text: `អ្នកទទួលបានអ៊ីមែលនេះ ដោយសារអ្នកជាបុគ្គលិកនៅ ${shop}។ អ្នកគ្រប់គ្រងនឹងត្រូវបានជូនដំណឹងម្តងទៀត ប្រសិនបើការពិនិត្យនៅតែរង់ចាំ។`,
          },
        ],
      }),
      'staff-review-overdue': (d, shop) => ({
        subject: `ការពិនិត្យការបង់ប្រាក់ហួសពេល៖ ការបញ្ជាទិញ ${d.orderNumber} – ${shop}`,
        preheader: `ការបញ្ជាទិញ ${d.orderNumber} នៅតែរង់ចាំការសម្រេចលើការបង់ប្រាក់។`,
        blocks: [
          { kind: 'p', text: hello(d.name) },
          {
            kind: 'p',
            text: `ការបញ្ជាទិញ ${d.orderNumber} បានរង់ចាំការពិនិត្យការបង់ប្រាក់អស់រយៈពេល ${duration(d.waitingMinutes)} ហើយមិនទាន់មាននរណាម្នាក់សម្រេចនៅឡើយទេ៖ ${why(d)}។`,
          },
          {
            kind: 'p',
            text: `ប្រសិនបើគ្មាននរណាម្នាក់សម្រេចទេ ទំនិញដែលបានរក្សាទុកនឹងត្រឡប់ទៅលក់វិញ ${khmerNumber(d.releaseAfterHours)} ម៉ោង បន្ទាប់ពីការពិនិត្យបានចាប់ផ្តើម។ សូមប្រាកដថាមាននរណាម្នាក់ពិនិត្យវា។`,
          },
          ...link('បើកការបញ្ជាទិញ', d.orderUrl),
          { kind: 'note', text: `អ្នកទទួលបានអ៊ីមែលនេះ ដោយសារអ្នកជាអ្នកគ្រប់គ្រងនៅ ${shop}។` },
        ],
      }),
      'staff-refund-owed': (d, shop) => ({
        subject: `ប្រាក់ដែលត្រូវសងត្រឡប់៖ ការបញ្ជាទិញ ${d.orderNumber} – ${shop}`,
        preheader: `បានទទួល ${d.amount} សម្រាប់ការបញ្ជាទិញ ${d.orderNumber} ដែលលែងរង់ចាំការបង់ប្រាក់ហើយ។`,
        blocks: [
          { kind: 'p', text: hello(d.name) },
          {
            kind: 'p',
            text: `Bakong រាយការណ៍ថាមានការបង់ប្រាក់ចំនួន ${d.amount} សម្រាប់ការបញ្ជាទិញ ${d.orderNumber} ដែលមានស្ថានភាព «${d.orderStatus}» នៅពេលប្រាក់មកដល់។ ហាងជំពាក់ប្រាក់នេះត្រឡប់ទៅអតិថិជនវិញ។`,
          },
          ...(d.bakongHash ? [{ kind: 'p' as const, text: `ប្រតិបត្តិការ Bakong៖ ${d.bakongHash}` }] : []),
          {
            kind: 'p',
            text: 'សូមផ្ញើប្រាក់ត្រឡប់ទៅអតិថិជនវិញ បន្ទាប់មកកត់ត្រាថាបានសងរួច នៅក្នុងផ្នែកការបង់ប្រាក់ (ប្រាក់ដែលត្រូវសងត្រឡប់) ដោយសរសេរកំណត់ចំណាំអំពីរបៀបដែលបានសង។',
          },
          ...link('បើកការបញ្ជាទិញ', d.orderUrl),
          { kind: 'note', text: `អ្នកទទួលបានអ៊ីមែលនេះ ដោយសារអ្នកជាបុគ្គលិកនៅ ${shop}។` },
        ],
      }),
    };
  }
  const duration = (minutes: number) =>
    minutes < 120 ? `${minutes} minutes` : `${Math.floor(minutes / 60)} hours`;
  const why = (d: StaffReviewMail) =>
    d.why === 'screenshot'
      ? 'a payment screenshot needs checking'
      : 'a Bakong payment did not match what the order asked for';
  return {
    'staff-review-waiting': (d, shop) => ({
      subject: `Payment review waiting: order ${d.orderNumber} – ${shop}`,
      preheader: `Order ${d.orderNumber} waits for a payment decision while its items are held.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `Order ${d.orderNumber} has waited in payment review for ${duration(d.waitingMinutes)}: ${why(d)}. Its items stay reserved until someone decides.`,
        },
        {
          kind: 'p',
          text: `Please accept or reject the payment in the back office. If nobody decides within ${d.releaseAfterHours} hours of the review starting, the reserved items go back on sale; the order stays in review, and accepting it then sells from what is in stock.`,
        },
        ...link('Open the order', d.orderUrl),
        {
          kind: 'note',
          text: `You receive this email because you are staff at ${shop}. Admins are told again if the review keeps waiting.`,
        },
      ],
    }),
    'staff-review-overdue': (d, shop) => ({
      subject: `Overdue payment review: order ${d.orderNumber} – ${shop}`,
      preheader: `Order ${d.orderNumber} still waits for a payment decision.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `Order ${d.orderNumber} has waited in payment review for ${duration(d.waitingMinutes)} and nobody has decided yet: ${why(d)}.`,
        },
        {
          kind: 'p',
          text: `If nobody decides, its reserved items go back on sale ${d.releaseAfterHours} hours after the review started. Please make sure someone checks it.`,
        },
        ...link('Open the order', d.orderUrl),
        { kind: 'note', text: `You receive this email because you are an admin at ${shop}.` },
      ],
    }),
    'staff-refund-owed': (d, shop) => ({
      subject: `Money to refund: order ${d.orderNumber} – ${shop}`,
      preheader: `${d.amount} arrived for order ${d.orderNumber}, which no longer waited for payment.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `Bakong reports a payment of ${d.amount} for order ${d.orderNumber}, which was ${d.orderStatus} when the money arrived. The shop owes this money back to the customer.`,
        },
        ...(d.bakongHash ? [{ kind: 'p' as const, text: `Bakong transaction: ${d.bakongHash}` }] : []),
        {
          kind: 'p',
          text: 'Please send the money back to the customer, then mark it refunded in the payments screen (refunds owed) with a note saying how.',
        },
        ...link('Open the order', d.orderUrl),
        { kind: 'note', text: `You receive this email because you are staff at ${shop}.` },
      ],
    }),
  };
}
