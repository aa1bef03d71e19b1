import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_IDENTITY, type ShopIdentity } from '../modules/settings/service';
import type { OrderSummary } from './copy/mail-copy';
import { MAIL_TEMPLATES, renderMail, type MailData, type MailLocale, type MailTemplate } from './templates';

const shop: ShopIdentity = {
  name: 'Angkor Computers',
  nameKm: 'អង្គរ កុំព្យូទ័រ',
  logoUrl: 'https://shop.example.com/files/logo.png',
  supportEmail: 'help@shop.example.com',
  phone: '+855 23 456 789',
  address: 'Street 271, Phnom Penh',
  hours: 'Mon–Sat 8:00–18:00',
};

const CODE = '739104';
const RESET = 'https://shop.example.com/reset-password?token=abcDEF123';
const SIGN_IN = 'https://shop.example.com/sign-in';
const ORDER = 'https://shop.example.com/orders/01JB8ZQ3M2VYQ4K7N9T6W5X0RS';
const order = { name: 'Dara', orderNumber: 'W-1042', orderUrl: ORDER };
const summary: OrderSummary = {
  lines: [
    { name: 'ASUS TUF Gaming A15', quantity: 1, amount: '$899.00' },
    { name: 'Logitech G102 mouse', quantity: 2, amount: '$39.98' },
  ],
  subtotal: '$938.98',
  deliveryFee: null,
  totalUsd: '$938.98',
  totalKhr: '3,850,000៛',
  fulfilment: 'pickup',
  pickup: { address: 'Street 271, Phnom Penh', hours: 'Mon–Sat 8:00–18:00' },
  deliveryDays: null,
  deliveryTo: null,
  serialized: true,
};
const customerOrder = { ...order, summary };
const INQUIRY = 'https://shop.example.com/account/support/01JB8ZQ3M2VYQ4K7N9T6W5X0RS';
const REPLY = 'Your laptop is ready.\nThe battery was replaced under warranty.';

const samples: { [T in MailTemplate]: MailData[T] } = {
  'verify-email': { code: CODE },
  'login-code': { name: 'Dara', code: CODE },
  'password-reset': { resetUrl: RESET },
  'password-changed': { name: 'Dara' },
  'account-exists': { name: 'Dara', signInUrl: SIGN_IN, resetUrl: RESET },
  'sign-in-check': { name: 'Dara', code: CODE, resetUrl: RESET },
  'codes-failing': { name: 'Dara', wrongCodes: 5, resetUrl: RESET },
  'order-placed': { ...customerOrder, total: '$1,234.50' },
  'payment-received': {
    ...customerOrder,
    summary: {
      ...summary,
      fulfilment: 'delivery',
      pickup: null,
      deliveryDays: { min: 2, max: 4 },
      deliveryTo: ['Dara', 'St 63, Siem Reap'],
    },
    total: '$938.98',
  },
  'order-ready': customerOrder,
  'pre-order-arrived': {
    ...customerOrder,
    balance: '$674.25',
    depositPaid: '$224.75',
    payBy: '11 Jan 2026, 18:00',
  },
  'order-shipped': { ...customerOrder, summary: { ...summary, fulfilment: 'delivery', pickup: null } },
  'payment-proof-rejected': { ...order, reason: 'The amount on the screenshot is $12.00' },
  'back-in-stock': {
    productName: 'ASUS TUF Gaming A15',
    productUrl: 'https://shop.example.com/products/asus-tuf-a15',
  },
  'support-received': { name: 'Dara', inquiryUrl: INQUIRY },
  'support-reply': { name: 'Dara', subject: 'Battery', reply: REPLY, inquiryUrl: INQUIRY, closed: false },
  'staff-review-waiting': { ...order, waitingMinutes: 45, why: 'screenshot', releaseAfterHours: 24 },
  'staff-review-overdue': { ...order, waitingMinutes: 150, why: 'mismatch', releaseAfterHours: 24 },
  'staff-refund-owed': { ...order, amount: '$12.34', orderStatus: 'expired', bakongHash: 'a1b2c3d4' },
  'claim-update': {
    name: 'Dara',
    claimNumber: 'RMA-000012',
    productName: 'ASUS TUF Gaming A15',
    serial: 'NB-4411',
    status: 'diagnosing',
    quote: '$45.00',
    reason: null,
    replacementSerial: null,
    claimUrl: 'https://shop.example.com/account/claims/01JB8ZQ3M2VYQ4K7N9T6W5X0RS',
  },
  'staff-invitation': {
    name: 'Dara',
    role: 'staff',
    invitedBy: 'Sophea',
    acceptUrl: 'https://shop.example.com/accept-invitation?token=abcDEF123',
  },
  notification: {
    name: 'Dara',
    title: 'Low stock: RTX 4060',
    body: '2 left to sell (reorder at 3).',
    url: 'https://shop.example.com/orders/01J0000000000000000000000',
  },
};

const render = <T extends MailTemplate>(
  template: T,
  locale: MailLocale,
  data = samples[template],
  s = shop,
) => renderMail(template, locale, data, s);

/** Mails that may go to an address nobody has proven: they greet nobody by name. */
const NAMELESS = new Set<MailTemplate>(['verify-email', 'password-reset', 'back-in-stock']);

const KHMER = /[\u1780-\u17FF]/;
const khmerShare = (text: string) => (text.match(/[\u1780-\u17FF]/g) ?? []).length / text.length;

describe('mail templates', () => {
  it('render every template in English and Khmer, as HTML and plain text', () => {
    for (const template of MAIL_TEMPLATES) {
      for (const locale of ['en', 'km'] as const) {
        const mail = render(template, locale);
        expect(mail.subject.length, `${template}/${locale}`).toBeGreaterThan(5);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mail.html).toMatch(/^<!DOCTYPE html>/);
        expect(mail.html).toContain(`<html lang="${locale}"`);
        expect(mail.html).toContain('role="presentation"');
        expect(mail.html).toContain('<img src="https://shop.example.com/files/logo.png"');
        expect(mail.html).toContain('help@shop.example.com');
        expect(mail.text).toContain('+855 23 456 789');
        expect(mail.text).toContain('Street 271, Phnom Penh');
        expect(mail.text).not.toMatch(/<[a-z]/i);
        if (locale === 'en') {
          expect(mail.subject).toContain('Angkor Computers');
          expect(mail.text).toMatch(NAMELESS.has(template) ? /^Hello,/ : /^Hello Dara,/);
          // The riel sign is the one Khmer character an English mail shows (totals in riel).
          expect(KHMER.test(mail.text.replaceAll('៛', ''))).toBe(false);
        } else {
          expect(mail.subject).toContain('អង្គរ កុំព្យូទ័រ');
          expect(KHMER.test(mail.subject)).toBe(true);
          expect(mail.text).toMatch(NAMELESS.has(template) ? /^ជម្រាបសួរ,/ : /^ជម្រាបសួរ Dara,/);
          // Khmer throughout, not an English mail with a Khmer greeting.
          expect(khmerShare(mail.text), `${template}/km`).toBeGreaterThan(0.4);
        }
      }
    }
  });

  it('put codes in the body, big and on a line of their own, never in the subject', () => {
    for (const template of ['verify-email', 'login-code'] as const) {
      for (const locale of ['en', 'km'] as const) {
        const mail = render(template, locale);
        expect(mail.subject).not.toContain(CODE);
        expect(mail.subject).not.toMatch(/\d{6}/);
        expect(mail.text).toMatch(new RegExp(`^\\s*${CODE}\\s*$`, 'm'));
        expect(mail.html).toMatch(new RegExp(`font-size:34px[^>]*>${CODE}</td>`));
        expect(mail.html).toContain('monospace');
      }
    }
  });

  it('state how long codes and links are valid', () => {
    expect(render('verify-email', 'en').text).toContain('10 minutes');
    expect(render('login-code', 'en').text).toContain('10 minutes');
    expect(render('password-reset', 'en').text).toContain('30 minutes');
    expect(render('verify-email', 'km').text).toContain('១០ នាទី');
    expect(render('login-code', 'km').text).toContain('១០ នាទី');
    expect(render('password-reset', 'km').text).toContain('៣០ នាទី');
  });

  it('put links in a button and written out, never in the subject', () => {
    for (const locale of ['en', 'km'] as const) {
      const reset = render('password-reset', locale);
      expect(reset.subject).not.toContain('token');
      expect(reset.html).toContain(`<a href="${RESET}"`);
      expect(reset.text).toContain(RESET);
      const exists = render('account-exists', locale);
      expect(exists.html).toContain(`<a href="${SIGN_IN}"`);
      expect(exists.html).toContain(`<a href="${RESET}"`);
      expect(exists.text).toContain(SIGN_IN);
      expect(exists.text).toContain(RESET);
      expect(render('password-changed', locale).text).toMatch(/wasn't you|មិនមែនជាអ្នក/);
    }
  });

  it('escape every value in the HTML', () => {
    const hostile = '<script>alert("x")</script>';
    const evilShop: ShopIdentity = {
      ...shop,
      name: `Shop <b>&</b> "Co"`,
      nameKm: `<img src=x onerror=alert(1)>`,
      address: '<iframe src="https://evil.example">',
      logoUrl: 'https://shop.example.com/logo.png" onerror="alert(1)',
    };
    for (const template of MAIL_TEMPLATES) {
      for (const locale of ['en', 'km'] as const) {
        const data = { ...samples[template], name: hostile } as MailData[typeof template];
        const { html, text } = render(template, locale, data, evilShop);
        expect(html).not.toContain('<script');
        expect(html).not.toContain('<b>');
        expect(html).not.toContain('<iframe');
        expect(html).not.toContain('<img src=x');
        expect(html).not.toContain('" onerror="');
        if (NAMELESS.has(template)) continue;
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(text).toContain(hostile); // plain text is not HTML: shown as typed
      }
    }
    const url = `https://shop.example.com/reset?token=a"><script>x</script>&b=1`;
    const { html } = render('password-reset', 'en', { resetUrl: url });
    expect(html).toContain(
      'href="https://shop.example.com/reset?token=a&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;b=1"',
    );
  });

  it('order mails name the order, say what it costs and link to its page; a rejection says why, in the body', () => {
    for (const locale of ['en', 'km'] as const) {
      for (const template of [
        'order-placed',
        'payment-received',
        'order-ready',
        'order-shipped',
        'payment-proof-rejected',
      ] as const) {
        const mail = render(template, locale);
        expect(mail.subject, `${template}/${locale}`).toContain('W-1042');
        expect(mail.html).toContain(`<a href="${ORDER}"`);
        expect(mail.text).toContain(ORDER);
      }
      expect(render('order-placed', locale).text).toContain('$1,234.50');
      const riel = { ...samples['payment-received'], total: '5,061,500៛' };
      expect(render('payment-received', locale, riel).text).toContain('5,061,500៛');
      const rejected = render('payment-proof-rejected', locale);
      expect(rejected.text).toContain('The amount on the screenshot is $12.00');
      expect(rejected.subject).not.toContain('$12.00');
    }
    expect(render('payment-received', 'en').text).toContain('on its way');
    expect(render('payment-received', 'en', { ...samples['payment-received'], summary }).text).toContain(
      'ready for pickup',
    );
  });

  it('order mails list the lines, both totals, where to pick up with what to bring, and what happens next', () => {
    const en = render('order-placed', 'en');
    expect(en.text).toContain('1 × ASUS TUF Gaming A15: $899.00');
    expect(en.text).toContain('2 × Logitech G102 mouse: $39.98');
    expect(en.text).toMatch(/Total: \$938\.98\nTotal in riel: 3,850,000៛/);
    expect(en.text).toContain('Pick up at: Street 271, Phnom Penh. Opening hours: Mon–Sat 8:00–18:00.');
    expect(en.text).toContain('Bring your order number W-1042 and your ID card');
    expect(en.text).toContain('What happens next');
    expect(en.html).toMatch(/<td[^>]*>2 × Logitech G102 mouse<\/td><td[^>]*>\$39\.98<\/td>/);
    const km = render('order-placed', 'km');
    expect(km.text).toContain('២ × Logitech G102 mouse: $39.98');
    expect(km.text).toContain('សរុបជារៀល: 3,850,000៛');
    expect(km.text).toContain('ម៉ោងបើក៖ Mon–Sat 8:00–18:00។');
    // A customer's own address is repeated; a guest's (deliveryTo null) never is.
    expect(render('payment-received', 'en').text).toContain('We deliver to: Dara, St 63, Siem Reap.');
    // …and when it should arrive, as the order promised it.
    expect(render('payment-received', 'en').text).toContain(
      'It should arrive in 2–4 days after your payment.',
    );
    expect(render('payment-received', 'km').text).toContain('ទំនិញគួរមកដល់ក្នុងរយៈពេល 2–4 ថ្ងៃ');
    const guest = { ...samples['order-shipped'], name: '' };
    expect(render('order-shipped', 'en', guest).text).toContain('the address you gave at checkout');
  });

  it('support mails: customers get the link to their thread, guests the answer alone; subjects echo nothing typed', () => {
    for (const locale of ['en', 'km'] as const) {
      const received = render('support-received', locale);
      expect(received.html).toContain(`<a href="${INQUIRY}"`);
      const guestAck = render('support-received', locale, { inquiryUrl: null });
      expect(guestAck.text).not.toContain('http');
      expect(guestAck.html).not.toContain('<a href="https://shop');

      const reply = render('support-reply', locale);
      expect(reply.subject).not.toContain('Battery');
      expect(reply.subject).not.toContain('laptop');
      expect(reply.text).toContain('Battery');
      // The answer keeps its lines: as typed in the text part, pre-wrapped and escaped in the HTML.
      expect(reply.text).toContain(REPLY);
      expect(reply.html).toMatch(/white-space:pre-wrap;">Your laptop is ready\.\nThe battery/);
      expect(reply.text).toContain(INQUIRY);
      const guest = render('support-reply', locale, {
        reply: 'Yes, <b>we</b> have it.',
        inquiryUrl: null,
        closed: true,
      });
      expect(guest.text).toContain('Yes, <b>we</b> have it.');
      expect(guest.html).toContain('Yes, &lt;b&gt;we&lt;/b&gt; have it.');
      expect(guest.html).not.toContain('/account/support/');
    }
    expect(render('support-reply', 'en').text).not.toContain('closed');
    expect(render('support-reply', 'en', { ...samples['support-reply'], closed: true }).text).toContain(
      'closed',
    );
  });

  it('to an address nobody has proven, carry nothing the sender typed, even when it is passed along', () => {
    const spam = 'Winner! Claim at http://prize.example';
    // The accounts module hands every mail the account's name; these templates must not show it.
    const unproven = <T extends MailTemplate>(template: T, data: object) =>
      (['en', 'km'] as const).map((locale) =>
        renderMail(template, locale, { name: spam, subject: spam, ...data } as MailData[T], shop),
      );
    for (const mail of [
      ...unproven('verify-email', { code: CODE }),
      ...unproven('password-reset', { resetUrl: RESET }),
      ...unproven('support-received', { inquiryUrl: null }),
      ...unproven('support-reply', { inquiryUrl: null, reply: 'Yes, we have it.', closed: false }),
    ]) {
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toContain('Winner');
        expect(part).not.toContain('prize.example');
      }
    }
  });

  it('refuse links that are not absolute http(s) URLs', () => {
    expect(() => render('password-reset', 'en', { resetUrl: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => render('password-reset', 'en', { resetUrl: '/reset?token=x' })).toThrow(/http/);
  });

  it('work with the default identity: no logo, no contact lines, Khmer shop name in Khmer mails', () => {
    const en = render('password-changed', 'en', { name: '' }, { ...DEFAULT_SHOP_IDENTITY });
    expect(en.html).not.toContain('<img');
    expect(en.subject).toBe('Your password was changed – Computer Shop');
    expect(en.text).toMatch(/^Hello,/);
    const km = render('password-changed', 'km', { name: 'Dara' }, { ...DEFAULT_SHOP_IDENTITY });
    expect(km.subject).toContain('ហាងកុំព្យូទ័រ');
    expect(km.html).toContain('ហាងកុំព្យូទ័រ');
  });

  it('show a logo only from an absolute http(s) URL', () => {
    const relative = render('verify-email', 'en', samples['verify-email'], {
      ...shop,
      logoUrl: '/files/logo.png',
    });
    expect(relative.html).not.toContain('<img');
  });
});
