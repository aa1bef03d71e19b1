import { deliveryEta, type ClaimStatus } from '@shop/shared';
import {
  CODE_MINUTES,
  INVITATION_HOURS,
  RESET_MINUTES,
  nameOf,
  orderLinkIn,
  orderSummaryIn,
  type MailCopy,
  type StaffReviewMail,
} from './mail-copy';

const claimHeadline: Record<ClaimStatus, string> = {
  received: 'We received your unit',
  diagnosing: 'We are checking your unit',
  sent_to_supplier: 'Your unit went to the supplier',
  back_from_supplier: 'Your unit is back from the supplier',
  repaired: 'Your unit is repaired',
  replaced: 'Your unit is replaced',
  refused: 'Your claim was refused',
  returned: 'Your unit was collected',
};
const claimStep: Record<ClaimStatus, string> = {
  received: 'we received it and will check it soon.',
  diagnosing: 'our technicians are finding out what is wrong.',
  sent_to_supplier: 'we sent it to the supplier for repair under warranty.',
  back_from_supplier: 'it came back from the supplier; we are checking it.',
  repaired: 'it is repaired and ready to collect.',
  replaced: 'we replace it with a new unit, ready to collect.',
  refused: 'we cannot repair it under this claim. The reason:',
  returned: 'you collected it. Thank you for your trust.',
};

const hello = (name = '') => (name.trim() ? `Hello ${name.trim()},` : 'Hello,');

const orderLink = orderLinkIn('If the button does not work, copy this address into your browser:');

const duration = (minutes: number) =>
  minutes < 120 ? `${minutes} minutes` : `${Math.floor(minutes / 60)} hours`;
const reviewReason = (d: StaffReviewMail) =>
  d.why === 'screenshot'
    ? 'a payment screenshot needs checking'
    : 'a Bakong payment did not match what the order asked for';

const orderSummary = orderSummaryIn({
  rows: {
    count: String,
    subtotal: 'Subtotal',
    delivery: 'Delivery',
    total: 'Total',
    totalKhr: 'Total in riel',
  },
  pickupAt: (address) => `Pick up at: ${address}.`,
  pickupAtShop: 'Pick up at our shop (address below).',
  openingHours: (hours) => `Opening hours: ${hours}.`,
  bringWithId: (orderNumber) =>
    `Bring your order number ${orderNumber} and your ID card: serialized items (such as laptops and graphics cards) are handed over against an ID, and their warranty runs from that day.`,
  bring: (orderNumber) =>
    `Bring your order number ${orderNumber}; the person collecting shows it at the counter.`,
  deliverTo: (address) => `We deliver to: ${address}.`,
  deliverToCheckoutAddress: 'We deliver to the address you gave at checkout; your order page shows it.',
  arrives: (days) => `It should arrive ${deliveryEta(days.min, days.max, 'en')} after your payment.`,
  next: {
    placed: {
      pickup:
        'What happens next: once your payment arrives we email you, prepare your order and email you again when it is ready for pickup.',
      delivery:
        'What happens next: once your payment arrives we email you, prepare your order and email you again when it is on its way.',
    },
    paid: {
      pickup:
        'What happens next: we prepare your order and email you when it is ready for pickup. Please wait for that email before you come.',
      delivery:
        'What happens next: we prepare your order and email you when it is on its way; the courier calls you before arriving.',
    },
    ready: 'What happens next: come during opening hours; we keep your order at the counter for you.',
    shipped:
      'What happens next: the courier calls you before arriving. Check the items when you receive them.',
  },
});

/** The shop's mails in English. */
export const en: MailCopy = {
  hello,
  why: (shop) => `You receive this email because of an action on your account at ${shop}.`,
  orderLink,
  orderSummary,
  mails: {
    'verify-email': (d, shop) => ({
      subject: `Verify your email address – ${shop}`,
      preheader: `Your verification code for ${shop} is inside.`,
      blocks: [
        { kind: 'p', text: hello() },
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
        { kind: 'p', text: hello(d.name) },
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
        { kind: 'p', text: hello() },
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
        { kind: 'p', text: hello(d.name) },
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
        { kind: 'p', text: hello(d.name) },
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
        { kind: 'p', text: hello(d.name) },
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
        { kind: 'p', text: hello(d.name) },
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
        { kind: 'p', text: hello(d.name) },
        { kind: 'p', text: `Thank you for your order ${d.orderNumber}. The total is ${d.total}.` },
        {
          kind: 'p',
          text: 'To pay, open your order and scan its KHQR code with your bank app. Your items are reserved while the code is valid; if it runs out, you can get a new one on the same page.',
        },
        ...orderLink('Pay now', d.orderUrl),
        ...orderSummary(d.summary, d.orderNumber, 'placed'),
        { kind: 'note', text: 'We will email you as soon as your payment has arrived.' },
      ],
    }),
    'payment-received': (d, shop) => ({
      subject: `Payment received for order ${d.orderNumber} – ${shop}`,
      preheader: `We received ${d.total} for order ${d.orderNumber}.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `We have received your payment of ${d.total} for order ${d.orderNumber}. Thank you!`,
        },
        ...orderSummary(d.summary, d.orderNumber, 'paid'),
        ...orderLink('View your order', d.orderUrl),
      ],
    }),
    'order-ready': (d, shop) => ({
      subject: `Order ${d.orderNumber} is ready for pickup – ${shop}`,
      preheader: `Come and collect order ${d.orderNumber} at ${shop}.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        { kind: 'p', text: `Good news: your order ${d.orderNumber} is ready for pickup.` },
        ...orderSummary(d.summary, d.orderNumber, 'ready'),
        ...orderLink('View your order', d.orderUrl),
      ],
    }),
    'pre-order-arrived': (d, shop) => ({
      subject: `Your pre-order ${d.orderNumber} has arrived – ${shop}`,
      preheader: `It is reserved for you until ${d.payBy}: ${d.balance} left to pay.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `Good news: what you pre-ordered (${d.orderNumber}) has arrived and is reserved for you until ${d.payBy}.`,
        },
        {
          kind: 'p',
          text: `You paid ${d.depositPaid} as a deposit; ${d.balance} is left to pay, by KHQR on your order page or in cash when you pick it up. After that day it goes to the next customer in line.`,
        },
        ...orderSummary(d.summary, d.orderNumber, 'ready'),
        ...orderLink('Pay the rest', d.orderUrl),
      ],
    }),
    'order-shipped': (d, shop) => ({
      subject: `Order ${d.orderNumber} is on its way – ${shop}`,
      preheader: `Your order ${d.orderNumber} has left ${shop}.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        { kind: 'p', text: `Your order ${d.orderNumber} is on its way to you.` },
        ...orderSummary(d.summary, d.orderNumber, 'shipped'),
        ...orderLink('View your order', d.orderUrl),
      ],
    }),
    'back-in-stock': (d, shop) => ({
      subject: `Back in stock at ${shop}`,
      preheader: `${d.productName} is back in stock.`,
      blocks: [
        { kind: 'p', text: hello() },
        { kind: 'p', text: `Good news: ${d.productName} is back in stock at ${shop}.` },
        {
          kind: 'p',
          text: 'Stock can go quickly: order now to have it reserved for you while you pay. We send this email only once.',
        },
        ...orderLink('See the product', d.productUrl),
        {
          kind: 'note',
          text: 'You receive this because this address asked to be told when it is back in stock.',
        },
      ],
    }),
    'payment-proof-rejected': (d, shop) => ({
      subject: `About your payment screenshot for order ${d.orderNumber} – ${shop}`,
      preheader: `We could not confirm the payment for order ${d.orderNumber} from your screenshot.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `We checked the payment screenshot you sent for order ${d.orderNumber}, but we could not accept it as payment.`,
        },
        { kind: 'p', text: `Reason: ${d.reason}` },
        {
          kind: 'p',
          text: 'If you have paid, please send a clearer screenshot that shows the amount, the date and the receiver, or contact us. If you have not paid yet, you can pay with the KHQR code on your order page.',
        },
        ...orderLink('Open your order', d.orderUrl),
      ],
    }),
    'support-received': (d, shop) => ({
      subject: `We received your message – ${shop}`,
      preheader: `Thank you for contacting ${shop}. We will answer soon.`,
      blocks: [
        { kind: 'p', text: hello(nameOf(d)) },
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
              ...orderLink('View your message', d.inquiryUrl),
            ]
          : [{ kind: 'p' as const, text: 'We will answer you by email, at this address.' }]),
        { kind: 'note', text: 'If you did not write to us, you can ignore this email.' },
      ],
    }),
    'support-reply': (d, shop) => ({
      subject: `We answered your message – ${shop}`,
      preheader: `Read the answer from ${shop}.`,
      blocks: [
        { kind: 'p', text: hello(nameOf(d)) },
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
          ? orderLink('Read and reply', d.inquiryUrl)
          : [
              {
                kind: 'p' as const,
                text: 'To answer, please send us a new message from our website.',
              },
            ]),
      ],
    }),
    'staff-review-waiting': (d, shop) => ({
      subject: `Payment review waiting: order ${d.orderNumber} – ${shop}`,
      preheader: `Order ${d.orderNumber} waits for a payment decision while its items are held.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `Order ${d.orderNumber} has waited in payment review for ${duration(d.waitingMinutes)}: ${reviewReason(d)}. Its items stay reserved until someone decides.`,
        },
        {
          kind: 'p',
          text: `Please accept or reject the payment in the back office. If nobody decides within ${d.releaseAfterHours} hours of the review starting, the reserved items go back on sale; the order stays in review, and accepting it then sells from what is in stock.`,
        },
        ...orderLink('Open the order', d.orderUrl),
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
          text: `Order ${d.orderNumber} has waited in payment review for ${duration(d.waitingMinutes)} and nobody has decided yet: ${reviewReason(d)}.`,
        },
        {
          kind: 'p',
          text: `If nobody decides, its reserved items go back on sale ${d.releaseAfterHours} hours after the review started. Please make sure someone checks it.`,
        },
        ...orderLink('Open the order', d.orderUrl),
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
        ...orderLink('Open the order', d.orderUrl),
        { kind: 'note', text: `You receive this email because you are staff at ${shop}.` },
      ],
    }),
    'staff-invitation': (d, shop) => ({
      subject: `You are invited to join ${shop}`,
      preheader: `${d.invitedBy || shop} invited you to work with ${shop}.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `${d.invitedBy || 'The shop'} invited you to ${shop} as ${d.role === 'admin' ? 'an admin' : 'staff'}. Choose your password to start:`,
        },
        { kind: 'button', label: 'Accept the invitation', url: d.acceptUrl },
        {
          kind: 'p',
          text: `This link is valid for ${INVITATION_HOURS} hours and works only once. After that, every sign-in asks for a code we email you.`,
        },
        {
          kind: 'link',
          label: 'If the button does not work, copy this address into your browser:',
          url: d.acceptUrl,
        },
        {
          kind: 'note',
          text: 'If you did not expect this invitation, ignore this email: nothing happens without you.',
        },
      ],
    }),
    notification: (d, shop) => ({
      subject: `${d.title} – ${shop}`,
      preheader: d.body,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        { kind: 'p', text: d.body },
        ...(d.url ? [{ kind: 'button' as const, label: 'Open it', url: d.url }] : []),
        {
          kind: 'note',
          text: `You receive this email because you asked ${shop} to mail you this kind of notification. Change it in your account's notification settings.`,
        },
      ],
    }),
    'claim-update': (d, shop) => ({
      subject: `${claimHeadline[d.status]} – ${d.claimNumber} – ${shop}`,
      preheader: `${d.productName} (${d.serial}): ${claimHeadline[d.status].toLowerCase()}.`,
      blocks: [
        { kind: 'p', text: hello(d.name) },
        {
          kind: 'p',
          text: `Your claim ${d.claimNumber} for ${d.productName}, serial ${d.serial}: ${claimStep[d.status]}`,
        },
        ...(d.quote
          ? [
              {
                kind: 'p' as const,
                text: `The unit is out of warranty. The repair costs ${d.quote}, paid when you collect it. We start once you accept the price${d.claimUrl ? ' on your account page' : ': call or visit us'}.`,
              },
            ]
          : []),
        ...(d.reason ? [{ kind: 'quote' as const, text: d.reason }] : []),
        ...(d.replacementSerial
          ? [
              {
                kind: 'p' as const,
                text: `The new unit's serial number is ${d.replacementSerial}. Its warranty continues until the end of the original one.`,
              },
            ]
          : []),
        ...(d.claimUrl ? orderLink('Follow your claim', d.claimUrl) : []),
        { kind: 'note', text: `Bring your claim slip when you come to collect the unit.` },
      ],
    }),
  },
};
