import { describe, expect, it } from 'vitest';
import { createPosCore } from '../core';
import { cashierSignedIn, feedTransport, page, staffMember, tempDirs } from '../test-support/fixtures';
import { normalPhone } from './new-customers';

const newDir = tempDirs();

async function counter() {
  const feed = feedTransport([
    page(1, [
      {
        entity: 'customer',
        id: 'u1',
        data: { id: 'u1', name: 'Dara Sok', phone: '+855 12 345 678', email: null },
      },
      { entity: 'staff', id: 's1', data: staffMember('s1') },
    ]),
  ]);
  const core = createPosCore({ dataDir: newDir(), transport: feed.transport, now: () => 1_700_000_000_000 });
  await core.pullNow();
  await cashierSignedIn(core, 's1');
  return { core, c: core.commands };
}

describe('a customer added at the counter', () => {
  it('reads a Cambodian phone however it is typed', () => {
    expect(normalPhone('012 345 678')).toBe('012345678');
    expect(normalPhone('+855 97 512 3456')).toBe('0975123456');
    expect(normalPhone('(855) 12-345-678')).toBe('012345678');
    expect(normalPhone('12345')).toBeNull();
    expect(normalPhone('0012345678')).toBeNull();
  });

  it('is kept waiting for the server, found by phone or name, and not yet chosen for a sale', async () => {
    const { core, c } = await counter();
    const { customer, added } = await c.addCustomer({ name: '  Sokha   Chan ', phone: '097 512 3456' });
    expect(added).toBe(true);
    expect(customer).toMatchObject({ name: 'Sokha Chan', phone: '0975123456', waiting: true });
    expect(await c.findCustomers({ query: '0975' })).toEqual([customer]);
    expect(await c.findCustomers({ query: 'sokha' })).toEqual([customer]);
    // A sale naming a customer the server does not know would be parked there: refused until it has them.
    await expect(c.chooseCustomer({ customerId: customer.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    core.close();
  });

  it('answers the customer the counter knows for a phone it knows, however typed, instead of a second one', async () => {
    const { core, c } = await counter();
    expect(await c.addCustomer({ name: 'Dara', phone: '012 345 678' })).toEqual({
      customer: { id: 'u1', name: 'Dara Sok', phone: '+855 12 345 678' },
      added: false,
    });
    const first = await c.addCustomer({ name: 'Sokha', phone: '097 512 3456' });
    expect(await c.addCustomer({ name: 'Someone else', phone: '+855975123456' })).toEqual({
      customer: { id: first.customer.id, name: 'Sokha', phone: '0975123456' },
      added: false,
    });
    core.close();
  });

  it('finds a pulled customer by the start of their phone however staff type it, whatever form the server keeps', async () => {
    const { core, c } = await counter();
    const dara = { id: 'u1', name: 'Dara Sok', phone: '+855 12 345 678' };
    for (const query of ['012 34', '01234', '+855 12 34', '85512', 'dara'])
      expect(await c.findCustomers({ query })).toEqual([dara]);
    expect(await c.findCustomers({ query: '097' })).toEqual([]);
    core.close();
  });

  it('refuses a missing name or a phone that is not one, with keys the screens translate', async () => {
    const { core, c } = await counter();
    await expect(c.addCustomer({ name: ' ', phone: '012345678' })).rejects.toMatchObject({
      code: 'invalid',
      text: { key: 'customerName' },
    });
    await expect(c.addCustomer({ name: 'Sokha', phone: '12' })).rejects.toMatchObject({
      text: { key: 'customerPhone' },
    });
    await c.signOut();
    await expect(c.addCustomer({ name: 'Sokha', phone: '012345678' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    core.close();
  });
});
