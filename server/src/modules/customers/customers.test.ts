import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import {
  aCustomer,
  aProductWithStock,
  aSavedAddress,
  failure,
  placedOrder,
  useTestShop,
} from '../../../test/factory';
import { signedInAs } from '../../../test/support';

/**
 * The back office's customers (issue 13 item 5), through the real routes: customer accounts searched, sorted and
 * paged by the server, and a customer's page with their orders, addresses and inquiries. Staff accounts are not
 * customers; customers see none of it.
 */
const shop = useTestShop();

describe('customers for staff', () => {
  it('searched by name, phone or email, sorted and paged; staff accounts are not listed', async () => {
    const tag = ulid().slice(-6).toLowerCase();
    const dara = await aCustomer(shop.server, { name: `Dara ${tag}`, phone: '+855 12 345 001' });
    const bopha = await aCustomer(shop.server, { name: `Bopha ${tag}`, phone: '+855 12 345 002' });
    const staffMember = await signedInAs(shop.server.database.db, 'staff');
    const cable = await aProductWithStock(shop, { stock: 10 });
    await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 1 }], customer: dara });
    await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 1 }], customer: dara });

    const byName = await shop.staff.listCustomers({ query: { q: tag.toUpperCase(), sort: 'name' } });
    expect(byName.items.map((c) => c.id)).toEqual([bopha.userId, dara.userId]);
    expect(byName).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(byName.items[1]).toMatchObject({
      name: `Dara ${tag}`,
      email: dara.email,
      phone: '+855 12 345 001',
      status: 'active',
      orderCount: 2,
      lastOrderAt: expect.any(Number),
    });
    expect(byName.items[0]).toMatchObject({ orderCount: 0, lastOrderAt: null });

    const search = async (q: string) =>
      (await shop.staff.listCustomers({ query: { q } })).items.map((c) => c.id);
    expect(await search('12 345 002')).toEqual([bopha.userId]);
    expect(await search(dara.email)).toEqual([dara.userId]);
    expect(await search(staffMember.email)).toEqual([]);
    expect(await search('%')).not.toContain(staffMember.userId);

    const newest = await shop.staff.listCustomers({ query: { q: tag } });
    expect(newest.items.map((c) => c.id)).toEqual([bopha.userId, dara.userId]);
    const oldest = await shop.staff.listCustomers({
      query: { q: tag, sort: 'oldest', pageSize: 1, page: 1 },
    });
    expect(oldest).toMatchObject({ total: 2, items: [{ id: dara.userId }] });
    const secondPage = await shop.staff.listCustomers({
      query: { q: tag, sort: 'oldest', pageSize: 1, page: 2 },
    });
    expect(secondPage.items.map((c) => c.id)).toEqual([bopha.userId]);

    expect(await failure(shop.staff.listCustomers({ query: { sort: 'richest' as never } }))).toMatchObject({
      status: 400,
      fields: { sort: expect.any(String) },
    });
  });

  it("a customer's page: their latest orders, saved addresses and inquiries", async () => {
    const sreymom = await aCustomer(shop.server, { name: 'Sreymom' });
    const cable = await aProductWithStock(shop, { stock: 10 });
    const first = await placedOrder(shop.server, {
      items: [{ productId: cable.id, quantity: 1 }],
      customer: sreymom,
    });
    const second = await placedOrder(shop.server, {
      items: [{ productId: cable.id, quantity: 2 }],
      customer: sreymom,
    });
    const someoneElse = await placedOrder(shop.server, { items: [{ productId: cable.id, quantity: 1 }] });
    const home = await aSavedAddress(sreymom.api, { label: 'Home', recipient: 'Sreymom' });
    const inquiry = await sreymom.api.openInquiry({
      body: { subject: 'Pickup time', message: 'Can I come on Sunday?', orderId: first.order.id },
    });

    const page = await shop.staff.getCustomer({ params: { id: sreymom.userId } });
    expect(page.customer).toMatchObject({ id: sreymom.userId, name: 'Sreymom', orderCount: 2 });
    expect(page.orders.total).toBe(2);
    expect(page.orders.items.map((o) => o.id)).toEqual([second.order.id, first.order.id]);
    expect(page.orders.items.map((o) => o.id)).not.toContain(someoneElse.order.id);
    expect(page.orders.items[0]).toMatchObject({ number: second.order.number, itemCount: 2, channel: 'web' });
    expect(page.addresses).toEqual([expect.objectContaining({ id: home.id, label: 'Home' })]);
    expect(page.inquiries).toEqual([
      expect.objectContaining({
        id: inquiry.id,
        subject: 'Pickup time',
        status: 'open',
        orderId: first.order.id,
      }),
    ]);
  });

  it('staff and admin accounts, unknown ids: 404; customers may not look anyone up', async () => {
    const customer = await aCustomer(shop.server);
    for (const id of [shop.staffUser.userId, shop.adminUser.userId, 'no-such-customer'])
      expect(await failure(shop.admin.getCustomer({ params: { id } })), id).toMatchObject({ status: 404 });
    expect(await failure(customer.api.listCustomers({ query: {} }))).toMatchObject({ status: 403 });
    expect(await failure(customer.api.getCustomer({ params: { id: customer.userId } }))).toMatchObject({
      status: 403,
    });
  });
});
