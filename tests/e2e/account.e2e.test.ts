import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient } from '@shop/shared';
import { startSession } from '../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../server/src/modules/accounts/users';
import { laptop, phone, startShop, type Shop, type ShopPage } from './harness';

/**
 * The customer's side of accounts: signing up with the mailed code, signing in and out, a forgotten password,
 * the Khmer pages, asking the shop a question and reading the answer, and saved delivery addresses.
 */
let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const widths = [phone, laptop];

const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.com`;

/** An active customer made straight in the database (the sign-up itself is tested once, through the pages). */
async function newCustomer(name = 'Sokha Chan') {
  const email = uniqueEmail('customer');
  const password = `pw ${randomBytes(6).toString('hex')} long`;
  const { id } = await createActiveUser(shop.server.database.db, { email, password, name, role: 'customer' });
  return { id, email, password, name };
}

/** The same customer's API client (a bearer session), to set up what a test needs without clicking. */
async function customerClient(userId: string) {
  const { token } = await startSession(shop.server.database.db, userId);
  return createShopClient({ baseUrl: shop.url, headers: () => ({ authorization: `Bearer ${token}` }) });
}

async function signIn(page: Page, email: string, password: string, next = '/account') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === next);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Expected refusals a test provokes on purpose are taken out; anything else the page logged is a failure. */
function unexpectedErrors(page: ShopPage, ...expected: RegExp[]): string[] {
  return page.errors.filter((error) => !expected.some((pattern) => pattern.test(error)));
}

describe('signing up and in', () => {
  it('registers through /register with the mailed code, signs out and signs in again', async () => {
    const email = uniqueEmail('new');
    const password = 'a long enough password';
    const page = await shop.page({ viewport: phone });

    await page.goto('/register');
    await heading(page, 'Create your account').waitFor();
    await page.getByLabel('Full name').fill('Dara Sok');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await expect(page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).resolves.toBe(
      'new-password',
    );
    await page.getByRole('button', { name: 'Create account' }).click();

    const codeField = page.getByLabel('6-digit code');
    await codeField.waitFor();
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    await shop.screenshot(page, 'account-register-code-390');
    await codeField.fill(await shop.mailCode(email));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Signed in: the header offers the account menu; sign out from it.
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Account' }).waitFor({ state: 'detached' });
    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/login');

    await signIn(page, email, password, '/account');
    await expect.poll(() => page.getByLabel('Full name').inputValue()).toBe('Dara Sok');
    expect(page.errors).toEqual([]);
  });

  it('sends a visitor of an account page to sign in, and back there afterwards', async () => {
    const customer = await newCustomer();
    const page = await shop.page();
    await page.goto('/account/security');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account/security');

    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or password is not right.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/account/security');
    await heading(page, 'Sign-in and security').waitFor();

    // A signed-in customer does not see the sign-in page again.
    await page.goto('/login?next=/account/orders');
    await page.waitForURL((url) => url.pathname === '/account/orders');
    // Only paths of this shop are followed.
    await page.goto('/login?next=https://evil.example/');
    await page.waitForURL((url) => url.pathname === '/');
    expect(unexpectedErrors(page, /HTTP 401 POST \/api\/v1\/auth\/login/)).toEqual([]);
  });

  it('asks for the mailed code when 2-step sign-in is on', async () => {
    const customer = await newCustomer();
    const api = await customerClient(customer.id);
    await api.updateMe({ body: { otpLogin: true } });

    const page = await shop.page({ viewport: phone });
    await page.goto('/login');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeField = page.getByLabel('6-digit code');
    await codeField.waitFor();
    const code = await shop.mailCode(customer.email);

    const wrong = code === '000000' ? '111111' : '000000';
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('That code is not right, or it has expired.').waitFor();

    await codeField.fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(unexpectedErrors(page, /HTTP 400 POST \/api\/v1\/auth\/login\/otp/)).toEqual([]);
  });
});

describe('a forgotten password', () => {
  it('resets it with the mailed link, ends the old sessions, and signs in with the new one', async () => {
    const customer = await newCustomer();
    const newPassword = 'my brand new password';

    // Signed in on another device before the reset.
    const oldDevice = await shop.page();
    await signIn(oldDevice, customer.email, customer.password, '/account');

    const page = await shop.page({ viewport: phone });
    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await shop.screenshot(page, 'account-forgot-sent-390');

    const link = await shop.mailLink(customer.email, '/reset-password');
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill('something else entirely');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('heading', { name: 'Your password has been changed' }).waitFor();

    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    expect(page.errors).toEqual([]);

    // The session from before the reset is over.
    await oldDevice.goto('/account');
    await oldDevice.waitForURL((url) => url.pathname === '/login');

    // The link works once.
    const again = await shop.page();
    await again.goto(link);
    await again.getByLabel('New password', { exact: true }).fill('yet another password');
    await again.getByLabel('New password again').fill('yet another password');
    await again.getByRole('button', { name: 'Save new password' }).click();
    await again.getByRole('heading', { name: 'This link has expired or was used already' }).waitFor();
    await again.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    expect(unexpectedErrors(again, /HTTP 400 POST \/api\/v1\/auth\/password\/reset/)).toEqual([]);
  });
});

describe('language', () => {
  it('switches the account pages to Khmer and keeps the choice, also on another device', async () => {
    const customer = await newCustomer();
    const page = await shop.page();
    await signIn(page, customer.email, customer.password, '/account');
    await heading(page, 'My profile').waitFor();

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'ខ្មែរ' }).click();
    await heading(page, 'ប្រវត្តិរូបរបស់ខ្ញុំ').waitFor();
    const nav = page.getByRole('navigation', { name: 'គណនី' });
    await nav.getByRole('link', { name: 'សុវត្ថិភាព' }).waitFor();
    expect(await page.getByLabel('ឈ្មោះពេញ').inputValue()).toBe(customer.name);
    await shop.screenshot(page, 'account-profile-km-1366');

    // The account keeps the language (mails follow it): the page comes back in Khmer, here and on a new device.
    await expect
      .poll(async () => (await (await customerClient(customer.id)).getMe({})).user.locale, {
        timeout: 10_000,
      })
      .toBe('km');
    await page.reload();
    await heading(page, 'ប្រវត្តិរូបរបស់ខ្ញុំ').waitFor();

    const otherDevice = await shop.page({ viewport: phone });
    await signIn(otherDevice, customer.email, customer.password, '/account/orders');
    await heading(otherDevice, 'ការបញ្ជាទិញរបស់ខ្ញុំ').waitFor();
    await shop.screenshot(otherDevice, 'account-orders-km-390');
    expect([...page.errors, ...otherDevice.errors]).toEqual([]);
  });
});

describe('support', () => {
  it('a customer on a phone asks a question, staff answer, the answer arrives by mail and in the account', async () => {
    const customer = await newCustomer();
    const { items: products } = await shop.server.client.listProducts({
      query: { inStock: true, pageSize: 1 },
    });
    const api = await customerClient(customer.id);
    const order = await api.placeOrder({
      body: { items: [{ productId: products[0]!.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
    });
    const page = await shop.page({ viewport: phone });
    // "Ask about this order" on the order page leads here with the order chosen.
    await signIn(page, customer.email, customer.password, `/contact?order=${order.id}`);

    await heading(page, 'Contact us').waitFor();
    await expect.poll(() => page.getByLabel('About an order (optional)').inputValue()).toBe(order.id);
    await page.getByLabel('Subject').fill('Is the RTX 4060 in stock?');
    await page.getByLabel('Message').fill('Hello! Do you have the RTX 4060 8 GB in stock at the shop?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('heading', { name: 'Thank you, we got your message' }).waitFor();
    await page.getByRole('link', { name: 'View the conversation' }).click();
    await heading(page, 'Is the RTX 4060 in stock?').waitFor();
    const inquiryId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('link', { name: `Order ${order.number}` }).waitFor();

    const answer = 'Yes, we have three in stock. You can order online or pass by the shop.';
    const staff = await shop.staffClient();
    await staff.replyToInquiry({ params: { id: inquiryId }, body: { message: answer } });
    const mail = await shop.smtp.waitFor(
      (m) => m.to.includes(customer.email) && m.text.includes('three in stock'),
      15_000,
    );
    expect(mail.text).toContain(`/account/support/${inquiryId}`);

    await page.reload();
    await page.getByText(answer).waitFor();
    await page.getByText('Answered').first().waitFor();
    await shop.screenshot(page, 'account-inquiry-answered-390');

    await page.getByLabel('Your reply').fill('Great, I will come on Saturday.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Great, I will come on Saturday.').waitFor();
    expect(page.errors).toEqual([]);
  });
});

describe('addresses', () => {
  it('adds a Cambodian delivery address, the first one becoming the default', async () => {
    const customer = await newCustomer();
    const page = await shop.page({ viewport: phone });
    await signIn(page, customer.email, customer.password, '/account/addresses');

    await page.getByRole('button', { name: 'Add an address' }).click();
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByText('Enter the house number and street.').waitFor();

    await page.getByLabel('Recipient’s phone').fill('012 345 678');
    await page.getByLabel('House number and street').fill('#12, St. 271');
    await page.getByLabel('Sangkat / Commune').fill('Tuol Tumpung 2');
    await page.getByLabel('Khan / District').fill('Chamkar Mon');
    await page.getByLabel('Province or city').selectOption('Phnom Penh');
    await page.getByLabel('Landmark (optional)').fill('Near the Russian Market, blue gate');
    await page.getByRole('button', { name: 'Save address' }).click();

    const card = page.getByRole('article').filter({ hasText: '#12, St. 271' });
    await card.waitFor();
    await card.getByText('Default').waitFor();
    await card.getByText('Tuol Tumpung 2, Chamkar Mon').waitFor();
    const saved = await (await customerClient(customer.id)).listAddresses({});
    expect(saved.items).toMatchObject([
      { houseStreet: '#12, St. 271', province: 'Phnom Penh', isDefault: true, floorUnit: null },
    ]);
    expect(page.errors).toEqual([]);
  });
});

describe('wishlist', () => {
  it('a visitor hearts products signed out, signs in, finds them in the wishlist and adds one to the cart', async () => {
    const customer = await newCustomer();
    const admin = await shop.staffClient('admin');
    const { items: products } = await shop.server.client.listProducts({
      query: { category: 'cases', inStock: true, pageSize: 2 },
    });
    const [wanted, soldOut] = products as [(typeof products)[number], (typeof products)[number]];
    const { available } = await admin.getProductStock({ params: { id: soldOut.id } });
    await admin.recordStockMovement({
      body: { productId: soldOut.id, type: 'adjust', quantity: -available, reason: 'stock count' },
    });
    const banner = (page: Page) => page.getByRole('banner');

    const page = await shop.page({ viewport: phone });
    // On the product page: a toggle button named for the product, not pressed until tapped.
    await page.goto(`/products/${wanted.slug}`);
    const heart = page.getByRole('button', { name: `Wishlist ${wanted.name}` });
    expect(await heart.getAttribute('aria-pressed')).toBe('false');
    await heart.click();
    await expect.poll(() => heart.getAttribute('aria-pressed')).toBe('true');
    // On a card: the heart over the picture.
    await page.goto('/c/cases');
    const cardHeart = page.getByRole('button', { name: `Save ${soldOut.name} to your wishlist` });
    await cardHeart.click();
    await expect.poll(() => cardHeart.getAttribute('aria-pressed')).toBe('true');
    const wishlistLink = banner(page).getByRole('link', { name: /^Wishlist, / });
    expect(await wishlistLink.getAttribute('aria-label')).toBe('Wishlist, 2 products');
    await shop.screenshot(page, 'wishlist-card-hearts-390');

    // The header link leads to sign in; signed in, the hearts are the account's (one merge) and gone from the device.
    await wishlistLink.click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Wishlist').waitFor();
    const list = page.getByRole('main').getByRole('list').last();
    await list.getByRole('link', { name: wanted.name }).waitFor();
    await list.getByRole('link', { name: soldOut.name }).waitFor();
    await list.getByRole('link', { name: 'Email me when it is back' }).waitFor();
    const saved = await (await customerClient(customer.id)).getWishlist({});
    expect(saved.items.map((item) => item.productId)).toEqual([soldOut.id, wanted.id]);
    expect(await page.evaluate(() => localStorage.getItem('shop.wishlist'))).toBeNull();
    await shop.screenshot(page, 'wishlist-390');

    await page.getByRole('button', { name: `Add ${wanted.name} to cart` }).click();
    await expect
      .poll(() =>
        banner(page)
          .getByRole('link', { name: /^Cart, / })
          .getAttribute('aria-label'),
      )
      .toBe('Cart, 1 item');
    expect((await (await customerClient(customer.id)).getCart({})).lines).toMatchObject([
      { productId: wanted.id, quantity: 1 },
    ]);

    // The same list on a laptop, then in Khmer on both.
    for (const [language, viewport] of [
      ['en', laptop],
      ['km', laptop],
      ['km', phone],
    ] as const) {
      const other = await shop.page({ viewport });
      await signIn(other, customer.email, customer.password, '/account/wishlist');
      if (language === 'km') await banner(other).getByRole('button', { name: 'ខ្មែរ' }).click();
      await heading(other, language === 'km' ? 'បញ្ជីចង់បាន' : 'Wishlist').waitFor();
      await expect.poll(() => other.locator('main .animate-pulse').count(), { timeout: 10_000 }).toBe(0);
      await shop.screenshot(other, `wishlist-${language}-${viewport.width}`);
      expect(other.errors).toEqual([]);
    }
    expect(page.errors).toEqual([]);
  });
});

describe('screenshots', () => {
  it('of every account page at 390 and 1366 px', async () => {
    const customer = await newCustomer();
    const api = await customerClient(customer.id);
    await api.createAddress({
      body: {
        label: 'Home',
        recipient: customer.name,
        phone: '012 345 678',
        houseStreet: '#45, St. 310',
        sangkat: 'Boeng Keng Kang 1',
        khan: 'Boeng Keng Kang',
        province: 'Phnom Penh',
        landmark: 'Opposite the petrol station',
      },
    });
    await api.createAddress({
      body: {
        label: 'Office',
        recipient: customer.name,
        phone: '+855 17 222 333',
        houseStreet: '#8, Norodom Blvd',
        floorUnit: '5th floor',
        sangkat: 'Tonle Bassac',
        khan: 'Chamkar Mon',
        province: 'Phnom Penh',
        deliveryNotes: 'Leave it with the guard at the front desk',
      },
    });
    const { items: products } = await shop.server.client.listProducts({
      query: { inStock: true, pageSize: 3 },
    });
    for (const product of products.slice(0, 2))
      await api.placeOrder({
        body: { items: [{ productId: product.id, quantity: 1 }], fulfilment: 'pickup', currency: 'USD' },
      });
    const inquiry = await api.openInquiry({
      body: { subject: 'Warranty for my laptop', message: 'How long is the warranty on the ThinkPad E14?' },
    });
    await (
      await shop.staffClient()
    ).replyToInquiry({
      params: { id: inquiry.id },
      body: { message: 'It has a 12-month warranty, handled at our shop.' },
    });

    const visitorPages = [
      ['login', '/login', 'Sign in'],
      ['register', '/register', 'Create your account'],
      ['forgot-password', '/forgot-password', 'Forgot your password?'],
      ['reset-password', `/reset-password?token=${'x'.repeat(32)}`, 'Choose a new password'],
      ['contact-guest', '/contact', 'Contact us'],
    ] as const;
    const accountPages = [
      ['profile', '/account', 'My profile'],
      ['orders', '/account/orders', 'My orders'],
      ['addresses', '/account/addresses', 'My addresses'],
      ['address-form', '/account/addresses?edit=new', 'My addresses'],
      ['security', '/account/security', 'Sign-in and security'],
      ['support', '/account/support', 'My questions'],
      ['inquiry', `/account/support/${inquiry.id}`, 'Warranty for my laptop'],
      ['contact', '/contact', 'Contact us'],
    ] as const;

    for (const viewport of widths) {
      const page = await shop.page({ viewport });
      for (const [name, address, title] of visitorPages) {
        await page.goto(address);
        await heading(page, title).waitFor();
        await shop.screenshot(page, `account-${name}-${viewport.width}`);
      }
      await signIn(page, customer.email, customer.password, '/account');
      for (const [name, address, title] of accountPages) {
        await page.goto(address);
        await heading(page, title).waitFor();
        // Lists have loaded when their skeletons are gone.
        await expect.poll(() => page.locator('main .animate-pulse').count(), { timeout: 10_000 }).toBe(0);
        await shop.screenshot(page, `account-${name}-${viewport.width}`);
      }
      expect(page.errors).toEqual([]);
    }
  });
});
