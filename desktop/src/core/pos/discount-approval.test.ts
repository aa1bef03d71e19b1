import { describe, expect, it } from 'vitest';
import { createPosCore } from '../core';
import type { PosError } from '../errors';
import { TEST_PIN } from '../test-support/cashier';
import {
  cashierSignedIn,
  feedTransport,
  page,
  product,
  staffMember,
  tempDirs,
} from '../test-support/fixtures';

const newDir = tempDirs();

/** A counter with a staff cashier (10 % limit) signed in; the admin a1 signed in online here before. */
async function counter() {
  const feed = feedTransport([
    page(1, [
      { entity: 'product', id: 'p1', data: product('p1', { name: 'SSD', priceCents: 100_00, available: 5 }) },
      { entity: 'staff', id: 's1', data: staffMember('s1') },
      { entity: 'staff', id: 's2', data: staffMember('s2') },
      { entity: 'staff', id: 'a1', data: staffMember('a1', { role: 'admin' }) },
    ]),
  ]);
  let clock = 1_700_000_000_000;
  const core = createPosCore({ dataDir: newDir(), transport: feed.transport, now: () => clock++ });
  await core.pullNow();
  core.db.prepare('UPDATE staff SET signed_in_online_at = 1').run();
  await cashierSignedIn(core, 's1');
  await core.commands.addLine({ productId: 'p1' });
  return { core, c: core.commands };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should have been refused'),
    (error: PosError) => error,
  );

describe("a discount over the cashier's limit", () => {
  it('is refused with a code the screen answers with the PIN pad, and a key it can translate', async () => {
    const { core, c } = await counter();
    const error = await refusal(c.setSaleDiscount({ discountCents: 30_00 }));
    expect(error).toMatchObject({
      code: 'over_limit',
      message: 'a staff may take at most 10 % off a sale: ask an admin for more',
      text: { key: 'discountOverLimit', params: { role: 'staff', percent: 10 } },
    });
    core.close();
  });

  it("goes through once an admin's PIN approves it, and the approval is pushed with the sale", async () => {
    const { core, c } = await counter();
    const approved = await c.approveDiscount({ staffId: 'a1', pin: TEST_PIN });
    expect(approved.cart.discountApprovedBy).toBe('a1');
    expect((await c.setSaleDiscount({ discountCents: 30_00 })).totals.totalCents).toBe(70_00);
    await c.pay({ method: 'cash', currency: 'USD', tendered: 70_00 });
    // The cashier is still who sold it: the admin only approved.
    const sale = await c.commitSale();
    const queued = JSON.parse(
      core.db.prepare('SELECT item FROM outbox WHERE id = ?').pluck().get(sale.id) as string,
    );
    expect(queued).toMatchObject({ staffId: 's1', discountCents: 30_00, discountApprovedBy: 'a1' });
    // The next sale starts without the approval.
    await c.addLine({ productId: 'p1' });
    await expect(c.setSaleDiscount({ discountCents: 30_00 })).rejects.toMatchObject({ code: 'over_limit' });
    core.close();
  });

  it("is not approved by a wrong PIN, nor by another cashier's PIN", async () => {
    const { core, c } = await counter();
    await expect(c.approveDiscount({ staffId: 'a1', pin: '0000' })).rejects.toMatchObject({
      code: 'invalid',
      text: { key: 'wrongPin' },
    });
    await expect(c.approveDiscount({ staffId: 's2', pin: TEST_PIN })).rejects.toMatchObject({
      code: 'forbidden',
      text: { key: 'approverNotAdmin' },
    });
    // The cashier's own PIN is a staff member's too: no self-approval.
    await expect(c.approveDiscount({ staffId: 's1', pin: TEST_PIN })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(c.setSaleDiscount({ discountCents: 30_00 })).rejects.toMatchObject({ code: 'over_limit' });
    expect((await c.sale()).cart.discountApprovedBy).toBeUndefined();
    core.close();
  });

  it("locks the admin's PIN after guesses at the counter, as sign-in does", async () => {
    const { core, c } = await counter();
    for (let i = 0; i < 5; i++) await c.approveDiscount({ staffId: 'a1', pin: '0000' }).catch(() => {});
    await expect(c.approveDiscount({ staffId: 'a1', pin: TEST_PIN })).rejects.toMatchObject({
      code: 'locked',
    });
    core.close();
  });

  it('needs someone signed in at the counter', async () => {
    const { core, c } = await counter();
    await c.signOut();
    await expect(c.approveDiscount({ staffId: 'a1', pin: TEST_PIN })).rejects.toMatchObject({
      code: 'forbidden',
      text: { key: 'signInFirst' },
    });
    core.close();
  });
});
