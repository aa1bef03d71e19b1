import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  changeDataSchemas,
  createShopClient,
  settingKeys,
  type Change,
  type ProductDetail,
  type ShopClient,
  type SyncCustomer,
  type SyncProduct,
  type SyncSetting,
  type SyncStaff,
  type SyncStock,
} from '@shop/shared';
import { checkPin } from '@shop/shared/pin-verifier';
import { aProductWithStock, failure, pairTestCounter, useTestShopWithMail } from '../../../test/factory';
import { picture } from '../../../test/pictures';
import { extractCode } from '../../../test/smtp';
import { browserClient } from '../../../test/support';
import { startSession } from '../accounts/sessions';
import { createActiveUser } from '../accounts/users';
import { systemActor } from '../audit/audit';
import { changeSettings } from '../settings/changes';

/**
 * Issue 11, pull: what a counter learns from the change feed alone. Everything goes through HTTP with a paired
 * device's token, as the desktop core will call it; the shop's own writes happen through its routes.
 */
const shop = useTestShopWithMail();
let counter: Awaited<ReturnType<typeof pairTestCounter>>;
beforeAll(async () => {
  counter = await pairTestCounter(shop);
});

/** Every page after `after`, as a counter pulls: until `hasMore` is false. */
async function pullAll(client: ShopClient, after = 0, limit = 1000) {
  const changes: Change[] = [];
  let cursor = after;
  let pages = 0;
  for (;;) {
    const page = await client.listChanges({ query: { after: cursor, limit } });
    changes.push(...page.changes);
    cursor = page.cursor;
    pages++;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}

/** What a counter holds after applying the changes in order: the last change of each entity. */
function applied(changes: Change[]) {
  const state = new Map<string, Change>();
  for (const change of changes) state.set(`${change.entity}:${change.entityId}`, change);
  return {
    get: <T>(entity: Change['entity'], id: string) =>
      state.get(`${entity}:${id}`)?.data as T | null | undefined,
    change: (entity: Change['entity'], id: string) => state.get(`${entity}:${id}`),
    all: (entity: Change['entity']) =>
      [...state.values()].filter((c) => c.entity === entity && c.operation === 'upsert'),
  };
}

async function aStaffMemberWithPassword(role: 'staff' | 'admin' = 'staff') {
  const email = `till-${randomBytes(4).toString('hex')}@example.test`;
  const password = `the till drawer sticks ${randomBytes(4).toString('hex')}`;
  const { id } = await createActiveUser(shop.server.database.db, {
    email,
    password,
    name: 'Sreyleak Chan',
    role,
  });
  const { token } = await startSession(shop.server.database.db, id);
  const client = createShopClient({
    baseUrl: shop.server.url,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  return { id, email, password, token, client };
}

async function mailTo(email: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = shop.smtp.messages.find((m) => m.to.includes(email));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a counter's first pull", () => {
  it('holds the demo catalog, its stock, the staff and the settings, with data valid by the shared schemas', async () => {
    const { changes, pages } = await pullAll(counter.client, 0, 100);
    expect(pages).toBeGreaterThan(1);
    for (const change of changes) {
      if (change.operation === 'delete') expect(change.data).toBeNull();
      else expect(() => changeDataSchemas[change.entity].parse(change.data), change.entity).not.toThrow();
    }
    const state = applied(changes);

    const db = shop.server.database.db;
    const [products, categories, brands] = await Promise.all([
      db.selectFrom('products').select('id').execute(),
      db.selectFrom('categories').select('id').execute(),
      db.selectFrom('brands').select('id').execute(),
    ]);
    expect(products.length).toBeGreaterThan(20);
    expect(
      state
        .all('product')
        .map((c) => c.entityId)
        .sort(),
    ).toEqual(products.map((p) => p.id).sort());
    expect(state.all('stock')).toHaveLength(products.length);
    expect(state.all('category')).toHaveLength(categories.length);
    expect(state.all('brand')).toHaveLength(brands.length);

    // One product as the public catalog shows it: the feed says the same, and its picture is served.
    const listed = (await createShopClient({ baseUrl: shop.server.url }).listProducts({ query: {} }))
      .items[0]!;
    const product = state.get<SyncProduct>('product', listed.id)!;
    expect(product).toMatchObject({ id: listed.id, sku: listed.sku, name: listed.name });
    expect(product.salePriceCents ?? product.priceCents).toBe(listed.priceCents);
    expect(product.thumbnailUrl).toBe(listed.imageUrl);
    const picture = await fetch(new URL(product.thumbnailUrl!, shop.server.url));
    expect(picture.status).toBe(200);
    const stock = state.get<SyncStock>('stock', listed.id)!;
    expect(product.available).toBe(stock.available);
    expect(stock.available).toBe(stock.onHand - stock.reserved);

    expect(state.get<SyncStaff>('staff', shop.adminUser.userId)).toMatchObject({
      role: 'admin',
      active: true,
      pinVerifier: null,
    });
    expect(state.get<SyncStaff>('staff', shop.staffUser.userId)).toMatchObject({
      role: 'staff',
      active: true,
    });

    // Every setting a counter uses, with the server's defaults where the shop set nothing; no hold limits.
    const settings = state.all('setting').map((c) => c.data as SyncSetting);
    expect(settings.map((s) => s.key).sort()).toEqual(
      [
        settingKeys.invoiceVat,
        settingKeys.pricing,
        settingKeys.merchantAccount,
        settingKeys.shopIdentity,
      ].sort(),
    );
    expect(settings.find((s) => s.key === settingKeys.pricing)!.value).toMatchObject({
      rielPerUsd: expect.any(Number),
    });
    expect(settings.find((s) => s.key === settingKeys.shopIdentity)!.value).toMatchObject({
      name: expect.any(String),
    });

    const [device] = (await shop.admin.listDevices({})).items.filter((d) => d.id === counter.id);
    expect(device!.lastSyncAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('carries each entity once per page, and the cursor still covers every change', async () => {
    const product = await aProductWithStock(shop, { name: 'USB hub', stock: 1 });
    const { cursor: before } = await pullAll(counter.client);
    for (let i = 0; i < 5; i++)
      await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 1 } });
    const page = await counter.client.listChanges({ query: { after: before, limit: 1000 } });
    expect(page.changes.filter((c) => c.entityId === product.id)).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ entity: 'stock', data: { onHand: 6 } });
    expect(page.cursor).toBe(before + 5);
  });
});

describe('what changes after the first pull', () => {
  it('a price change, a stock movement, a new customer and a disabled staff member arrive with current data', async () => {
    const product = await aProductWithStock(shop, {
      name: 'Mechanical keyboard',
      priceCents: 45_00,
      stock: 2,
    });
    const clerk = await aStaffMemberWithPassword();
    const { cursor } = await pullAll(counter.client);

    await shop.admin.updateProduct({ params: { id: product.id }, body: { priceCents: 39_00 } });
    await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 5 } });
    await shop.admin.updateUser({ params: { id: clerk.id }, body: { status: 'disabled' } });
    const email = `walk-in-${randomBytes(4).toString('hex')}@example.test`;
    const phone = browserClient(shop.server.url);
    await phone.client.register({
      body: { email, password: 'a long sentence about a keyboard', name: 'Vannak Sok' },
    });
    const signedIn = await phone.client.verifyEmail({
      body: { email, code: extractCode(await mailTo(email)) },
    });
    await phone.client.updateMe({ body: { phone: '012 345 678' } });

    const state = applied((await pullAll(counter.client, cursor)).changes);
    expect(state.get<SyncProduct>('product', product.id)).toMatchObject({
      priceCents: 39_00,
      salePriceCents: null,
      available: 7,
    });
    expect(state.get<SyncStock>('stock', product.id)).toEqual({
      productId: product.id,
      onHand: 7,
      reserved: 0,
      available: 7,
    });
    expect(state.get<SyncCustomer>('customer', signedIn.user.id)).toEqual({
      id: signedIn.user.id,
      name: 'Vannak Sok',
      // Kept as the one normaliser stores it (shared/src/phone.ts); the counter finds it however staff type it.
      phone: '+85512345678',
      email,
    });
    expect(state.get<SyncStaff>('staff', clerk.id)).toMatchObject({ active: false, pinVerifier: null });
  });

  it('a sale price shows as the regular price and the sale price, the web price being what is charged', async () => {
    const product = await aProductWithStock(shop, { name: 'Webcam', priceCents: 30_00 });
    const { cursor } = await pullAll(counter.client);
    await shop.admin.updateProduct({
      params: { id: product.id },
      body: { priceCents: 25_00, compareAtCents: 30_00 },
    });
    const state = applied((await pullAll(counter.client, cursor)).changes);
    expect(state.get<SyncProduct>('product', product.id)).toMatchObject({
      priceCents: 30_00,
      salePriceCents: 25_00,
    });
  });

  it("an uploaded picture reaches counters as its smallest copy, the one the web shop's srcset starts from", async () => {
    const product = await aProductWithStock(shop, { name: 'Headset' });
    const { cursor } = await pullAll(counter.client);
    const form = new FormData();
    form.append(
      'file',
      new Blob([await picture(800, 800).png().toBuffer()], { type: 'image/png' }),
      'headset.png',
    );
    const answer = await fetch(`${shop.server.url}/api/v1/admin/products/${product.id}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.adminUser.token}` },
      body: form,
    });
    expect(answer.status).toBe(201);
    const [image] = ((await answer.json()) as ProductDetail).images;
    const synced = applied((await pullAll(counter.client, cursor)).changes).get<SyncProduct>(
      'product',
      product.id,
    )!;
    expect(synced.thumbnailUrl).toBe(image!.thumbnails!['160']);
    const thumbnail = await fetch(new URL(synced.thumbnailUrl!, shop.server.url));
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
  });

  it("a PIN set with PUT /me/pin reaches counters as the staff member's verifier", async () => {
    const clerk = await aStaffMemberWithPassword();
    const { cursor } = await pullAll(counter.client);
    await clerk.client.setCounterPin({ body: { pin: '4719', password: clerk.password } });
    const staff = applied((await pullAll(counter.client, cursor)).changes).get<SyncStaff>('staff', clerk.id)!;
    expect(staff).toMatchObject({ id: clerk.id, email: clerk.email, role: 'staff', active: true });
    expect(await checkPin('4719', staff.pinVerifier!)).toBe(true);
    expect(await checkPin('4720', staff.pinVerifier!)).toBe(false);
  });

  it('a disabled customer is a delete with null; one made staff leaves the customers and joins the staff', async () => {
    const customer = await createActiveUser(shop.server.database.db, {
      email: `regular-${randomBytes(4).toString('hex')}@example.test`,
      password: 'buys a mouse every month',
      name: 'Regular',
      role: 'customer',
    });
    const promoted = await createActiveUser(shop.server.database.db, {
      email: `promoted-${randomBytes(4).toString('hex')}@example.test`,
      password: 'from customer to the counter',
      name: 'Promoted',
      role: 'customer',
    });
    const { changes: first, cursor } = await pullAll(counter.client);
    expect(applied(first).get('customer', customer.id)).toMatchObject({ name: 'Regular' });

    await shop.admin.updateUser({ params: { id: customer.id }, body: { status: 'disabled' } });
    await shop.admin.updateUser({ params: { id: promoted.id }, body: { role: 'staff' } });
    const later = applied((await pullAll(counter.client, cursor)).changes);
    expect(later.change('customer', customer.id)).toMatchObject({ operation: 'delete', data: null });
    expect(later.change('customer', promoted.id)).toMatchObject({ operation: 'delete', data: null });
    expect(later.get<SyncStaff>('staff', promoted.id)).toMatchObject({ role: 'staff', active: true });

    const { cursor: again } = await pullAll(counter.client);
    await shop.admin.updateUser({ params: { id: promoted.id }, body: { role: 'customer' } });
    const demoted = applied((await pullAll(counter.client, again)).changes);
    expect(demoted.get<SyncStaff>('staff', promoted.id)).toMatchObject({ role: 'customer', active: false });
    expect(demoted.get<SyncCustomer>('customer', promoted.id)).toMatchObject({ name: 'Promoted' });
  });

  it('a setting changed through the settings service arrives with its value; a setting no counter uses does not', async () => {
    const { cursor } = await pullAll(counter.client);
    await changeSettings(
      shop.server.database.db,
      [
        { key: settingKeys.pricing, next: (current) => ({ ...current!, rielPerUsd: 4_050 }) },
        { key: 'orders.holdLimits', next: (current) => ({ ...current!, renewals: 3 }) },
      ],
      { actor: systemActor, source: 'cli' },
    );
    const { changes } = await pullAll(counter.client, cursor);
    expect(changes.map((c) => [c.entity, c.entityId])).toEqual([['setting', settingKeys.pricing]]);
    expect((changes[0]!.data as SyncSetting).value).toMatchObject({ rielPerUsd: 4_050 });
  });
});

describe('who may pull', () => {
  const status = (call: Promise<unknown>) => failure<{ status: number }>(call).then((e) => e.status);
  const events = (headers: Record<string, string> = {}) =>
    fetch(`${shop.server.url}/api/v1/sync/events`, { headers });

  it('nobody but a paired device: a stranger, a customer, staff and admin sessions get 401', async () => {
    const stranger = createShopClient({ baseUrl: shop.server.url });
    const customer = await createActiveUser(shop.server.database.db, {
      email: `nosy-${randomBytes(4).toString('hex')}@example.test`,
      password: 'wants the customer list',
      name: 'Nosy',
      role: 'customer',
    });
    const { token: customerToken } = await startSession(shop.server.database.db, customer.id);
    for (const [client, token] of [
      [stranger, null],
      [
        createShopClient({
          baseUrl: shop.server.url,
          headers: () => ({ authorization: `Bearer ${customerToken}` }),
        }),
        customerToken,
      ],
      [shop.staff, shop.staffUser.token],
      [shop.admin, shop.adminUser.token],
    ] as const) {
      expect(await status(client.listChanges({ query: { after: 0, limit: 10 } }))).toBe(401);
      const answer = await events(token ? { authorization: `Bearer ${token}` } : {});
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('a revoked device gets 401 at once, and its open event stream ends at the next tick', async () => {
    const doomed = await pairTestCounter(shop, 'Stolen laptop');
    const stream = await listen(doomed.token);
    await stream.next('event: changes');
    await shop.admin.revokeDevice({ params: { id: doomed.id } });
    expect(await status(doomed.client.listChanges({ query: { after: 0, limit: 10 } }))).toBe(401);
    expect((await events({ authorization: `Bearer ${doomed.token}` })).status).toBe(401);
    const started = Date.now();
    await stream.ended();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('the nudge (server-sent events)', () => {
  it('sends the head on connecting and a changes event after a stock movement', async () => {
    const product = await aProductWithStock(shop, { name: 'Mouse pad' });
    const stream = await listen(counter.token);
    expect(stream.answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = headOf(await stream.next('event: changes'));
    const { cursor } = await pullAll(counter.client);
    expect(first).toBe(cursor);

    const moved = Date.now();
    await shop.staff.recordStockMovement({ body: { productId: product.id, type: 'receive', quantity: 2 } });
    const next = headOf(await stream.next('event: changes'));
    expect(Date.now() - moved).toBeLessThan(2_500);
    expect(next).toBe(cursor + 1);
    await stream.close();
  });

  it('takes at most four streams of one device', async () => {
    const busy = await pairTestCounter(shop, 'Busy counter');
    const open = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${shop.server.url}/api/v1/sync/events`, {
          headers: { authorization: `Bearer ${busy.token}` },
        }),
      ),
    );
    expect(open.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const fifth = await fetch(`${shop.server.url}/api/v1/sync/events`, {
      headers: { authorization: `Bearer ${busy.token}` },
    });
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBeTruthy();
    // Another device is not held back by this one.
    const other = await fetch(`${shop.server.url}/api/v1/sync/events`, {
      headers: { authorization: `Bearer ${counter.token}` },
    });
    expect(other.status).toBe(200);
    for (const answer of [...open, other]) await answer.body!.cancel();
  });
});

/** A counter listening: the event blocks of the stream, one at a time. */
async function listen(token: string) {
  const answer = await fetch(`${shop.server.url}/api/v1/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(200);
  const reader = answer.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    answer,
    /** The next event block containing `marker`. */
    async next(marker: string, timeoutMs = 5_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const blocks = text.split('\n\n');
        const found = blocks.slice(0, -1).findIndex((block) => block.includes(marker));
        if (found >= 0) {
          text = blocks.slice(found + 1).join('\n\n');
          return blocks[found]!;
        }
        if (Date.now() > deadline) throw new Error(`no "${marker}" within ${timeoutMs} ms: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before "${marker}": ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    },
    /** Resolves when the server ends the stream. */
    async ended(): Promise<void> {
      for (;;) if ((await reader.read()).done) return;
    },
    close: () => reader.cancel(),
  };
}

function headOf(block: string): number {
  const data = /^data: (.*)$/m.exec(block);
  return (JSON.parse(data![1]!) as { head: number }).head;
}
