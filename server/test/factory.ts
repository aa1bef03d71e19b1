import { afterAll, beforeAll, expect } from 'vitest';
import type {
  Address,
  AddressInput,
  ApiError,
  Locale,
  Order,
  PlaceOrderInput,
  ProductDetail,
  ProductInput,
  ShopClient,
} from '@shop/shared';
import { createShopClient } from '@shop/shared';
import { inTransaction } from '../src/db/transaction';
import { updateUserRow } from '../src/modules/accounts/repo';
import { setSetting } from '../src/modules/settings/service';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { signedInAs, startTestServer, type SignedInUser, type TestServer } from './support';

/**
 * What the shop's HTTP tests build again and again, built once: through the real routes (the typed client) and the
 * real services, as a customer, the staff and the Bakong stand-in would, so a fixture can never make a state the
 * shop itself could not reach. Each builder makes fresh rows (its own product, its own customer) so tests in a file
 * never share counters.
 */

/** A running shop with an admin and a staff member signed in, as most HTTP tests begin. */
export interface TestShop {
  server: TestServer;
  admin: ShopClient;
  staff: ShopClient;
  adminUser: SignedInUser;
  staffUser: SignedInUser;
  stop(): Promise<void>;
}

/** A shop whose mail goes through the real outbox to an SMTP server on loopback, polled every 50 ms. */
export interface TestShopWithMail extends TestShop {
  smtp: TestSmtpServer;
}

/**
 * The shop on the demo catalog (unless told otherwise), with an admin and a staff member signed in and `settings`
 * (key → value) saved as the settings page would.
 */
export async function startTestShop(
  options: Parameters<typeof startTestServer>[0] & { settings?: Record<string, unknown> } = {},
): Promise<TestShop> {
  const { settings = {}, ...serverOptions } = options;
  const server = await startTestServer({ seed: 'demo', ...serverOptions });
  for (const [key, value] of Object.entries(settings))
    await inTransaction(server.database.db, (tx) => setSetting(tx, key, value));
  const adminUser = await signedInAs(server.database.db, 'admin');
  const staffUser = await signedInAs(server.database.db, 'staff');
  return {
    server,
    admin: adminUser.client(server.url),
    staff: staffUser.client(server.url),
    adminUser,
    staffUser,
    stop: () => server.stop(),
  };
}

/**
 * The shop for the tests of one file: started before them, stopped after them. Its fields are there once the tests
 * run (not while the file is being read).
 */
export function useTestShop(options: Parameters<typeof startTestShop>[0] = {}): TestShop {
  const shop = {} as TestShop;
  beforeAll(async () => {
    Object.assign(shop, await startTestShop(options));
  });
  afterAll(() => shop.stop?.());
  return shop;
}

export async function startTestShopWithMail(
  options: Parameters<typeof startTestShop>[0] = {},
): Promise<TestShopWithMail> {
  const smtp = await startSmtpServer();
  const shop = await startTestShop({
    ...options,
    env: { SMTP_URL: smtp.url, MAIL_POLL_MS: '50', ...options.env },
  });
  return {
    ...shop,
    smtp,
    stop: async () => {
      await shop.stop();
      await smtp.stop();
    },
  };
}

/**
 * The shop with mail for the tests of one file: started before them, stopped after them. Its fields are there once
 * the tests run (not while the file is being read).
 */
export function useTestShopWithMail(options: Parameters<typeof startTestShop>[0] = {}): TestShopWithMail {
  const shop = {} as TestShopWithMail;
  beforeAll(async () => {
    Object.assign(shop, await startTestShopWithMail(options));
  });
  afterAll(() => shop.stop?.());
  return shop;
}

/** The error a call must fail with; the test fails when the call succeeds. */
export function failure<E = ApiError>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    () => expect.fail('expected an error'),
    (e: unknown) => e as E,
  );
}

export interface ProductSpec extends Partial<Omit<ProductInput, 'categoryId' | 'brandId'>> {
  /** Units received into stock (none when 0). */
  stock?: number;
  /** The slug of a demo category the product is filed under. */
  category?: string;
  /** Serial numbers received with the stock; makes the product serialized. */
  serials?: string[];
}

/**
 * A new product of the demo catalog's first brand, created by the admin and received into stock by staff.
 * `name` is what it is ("HDMI cable"); the SKU is added to it so every product is its own.
 */
export async function aProductWithStock(
  shop: { admin: ShopClient; staff: ShopClient },
  spec: ProductSpec = {},
): Promise<ProductDetail> {
  const { stock = 5, category = 'accessories', serials, name = 'USB-C cable', ...input } = spec;
  const { items: categories } = await shop.admin.listCategories({});
  const { items: brands } = await shop.admin.listBrands({});
  const sku = input.sku ?? `T-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const product = await shop.admin.createProduct({
    body: {
      priceCents: 2500,
      ...input,
      sku,
      name: `${name} ${sku}`,
      categoryId: categories.find((c) => c.slug === category)!.id,
      brandId: brands[0]!.id,
      ...(serials && { serialized: true }),
    },
  });
  if (stock > 0)
    await shop.staff.recordStockMovement({
      body: { productId: product.id, type: 'receive', quantity: stock, ...(serials && { serials }) },
    });
  return product;
}

/** A delivery address in Phnom Penh, as the checkout form sends it. */
export function anAddress(overrides: Partial<AddressInput> = {}): AddressInput {
  return {
    label: 'Home',
    recipient: 'Sokha',
    phone: '012 345 678',
    houseStreet: '#12, St. 63',
    sangkat: 'Boeung Keng Kang 1',
    khan: 'Boeung Keng Kang',
    province: 'Phnom Penh',
    ...overrides,
  };
}

/** A saved address of the customer behind `api`. */
export function aSavedAddress(api: ShopClient, overrides: Partial<AddressInput> = {}): Promise<Address> {
  return api.createAddress({ body: anAddress(overrides) });
}

export interface TestCustomer extends SignedInUser {
  api: ShopClient;
}

/** A new, signed-in customer (bearer session); `name`, `phone` and `locale` as the account page would set them. */
export async function aCustomer(
  server: TestServer,
  profile: { name?: string; phone?: string; locale?: Locale } = {},
): Promise<TestCustomer> {
  const signedIn = await signedInAs(server.database.db, 'customer');
  if (Object.keys(profile).length) await updateUserRow(server.database.db, signedIn.userId, profile);
  return { ...signedIn, api: signedIn.client(server.url) };
}

export interface OrderSpec extends Partial<Omit<PlaceOrderInput, 'items'>> {
  items: PlaceOrderInput['items'];
  /** Who orders (their client); a new customer when not given. */
  customer?: { api: ShopClient };
  /** The delivery address, when the order is for delivery (a Phnom Penh one when not given). */
  address?: Partial<AddressInput>;
}

/** An order placed through the checkout: pickup in dollars unless told otherwise, waiting for its KHQR payment. */
export async function placedOrder(
  server: TestServer,
  spec: OrderSpec,
): Promise<{ order: Order; api: ShopClient }> {
  const { customer = await aCustomer(server), address, ...input } = spec;
  const addressId =
    input.fulfilment === 'delivery' ? (await aSavedAddress(customer.api, address)).id : undefined;
  const order = await customer.api.placeOrder({
    body: { fulfilment: 'pickup', currency: 'USD', ...input, ...(addressId && { addressId }) },
  });
  return { order, api: customer.api };
}

/** Tells the Bakong stand-in mounted in the server to act (`pay`, `failure`, …), as the bank would. */
export async function standIn(server: TestServer, action: string, body: unknown): Promise<void> {
  const answer = await fetch(`${server.url}/bakong-standin/dev/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status, `stand-in ${action}: ${answer.status} ${await answer.text()}`).toBe(200);
}

/** The payment job's next pass, now rather than at its next poll (`now`: as if run at that time). */
export async function checkPaymentsNow(server: TestServer, now?: number): Promise<void> {
  await server.database.db.updateTable('payments').set({ next_check_at: 0 }).execute();
  await server.payments.runOnce(now);
}

/** Pays a KHQR (or a wrong `amount` for it) at the Bakong stand-in, then runs the payment job now. */
export async function payAndCheck(server: TestServer, qr: string, amount?: number): Promise<void> {
  await standIn(server, 'pay', { qr, ...(amount !== undefined && { amount }) });
  await checkPaymentsNow(server);
}

/** A counter paired through the real routes: an admin creates it, the "desktop" trades the code for its token. */
export interface TestCounter {
  id: string;
  name: string;
  token: string;
  /** The typed client with the counter's token, as the desktop core calls the sync routes. */
  client: ShopClient;
}

/**
 * A shop for a test file with counters paired to it, one per name in order (the sync and counter-payment tests all
 * start so): `({ shop, counters: [front, back] } = await startShopWithCounters(['Front', 'Back']))`.
 */
export async function startShopWithCounters<const Names extends readonly string[]>(
  names: Names,
  options: Parameters<typeof startTestShop>[0] = {},
): Promise<{ shop: TestShop; counters: { -readonly [K in keyof Names]: TestCounter } }> {
  const shop = await startTestShop(options);
  const counters: TestCounter[] = [];
  for (const name of names) counters.push(await pairTestCounter(shop, name));
  return { shop, counters: counters as { -readonly [K in keyof Names]: TestCounter } };
}

/**
 * A shop with paired counters for the tests of one file: started before them, stopped after them, as
 * `const { shop, counters: [front] } = useTestShopWithCounters(['Front'])`. The objects are there at once and filled
 * when the tests run (not while the file is being read); a `beforeAll` of the file's own runs after this one.
 */
export function useTestShopWithCounters<const Names extends readonly string[]>(
  names: Names,
  options: Parameters<typeof startTestShop>[0] = {},
): { shop: TestShop; counters: { -readonly [K in keyof Names]: TestCounter } } {
  const shop = {} as TestShop;
  const counters = names.map(() => ({}) as TestCounter);
  beforeAll(async () => {
    const started = await startShopWithCounters(names, options);
    Object.assign(shop, started.shop);
    started.counters.forEach((counter, i) => Object.assign(counters[i]!, counter));
  });
  afterAll(() => shop.stop?.());
  return { shop, counters: counters as { -readonly [K in keyof Names]: TestCounter } };
}

export async function pairTestCounter(shop: TestShop, name = 'Front counter'): Promise<TestCounter> {
  const created = await shop.admin.createDevice({ body: { name } });
  const paired = await createShopClient({ baseUrl: shop.server.url }).pairDevice({
    body: { pairingCode: created.pairingCode, appVersion: '0.1.0-test' },
  });
  const token = paired.token;
  return {
    ...paired.device,
    token,
    client: createShopClient({
      baseUrl: shop.server.url,
      headers: () => ({ authorization: `Bearer ${token}` }),
    }),
  };
}
