import { describe, expect, it } from 'vitest';
import { decodeKhqr, isValidKhqr } from '../../../../server/src/modules/payments/khqr';
import { page, tempDirs } from '../test-support/fixtures';
import { mouseSale, receiptCounter, setting } from '../test-support/receipt-counter';
import { staticKhqrPayload } from './static-khqr';

const newDir = tempDirs();

describe("the shop's static KHQR at the counter (offline)", () => {
  it('is a well-formed static KHQR of the shop account, without amount or expiry, in either currency', () => {
    const individual = staticKhqrPayload(
      { kind: 'individual', accountId: 'angkor@aclb', name: 'Angkor Computer', city: 'Phnom Penh' },
      'KHR',
    );
    expect(isValidKhqr(individual)).toBe(true);
    expect(decodeKhqr(individual)).toMatchObject({
      dynamic: false,
      kind: 'individual',
      accountId: 'angkor@aclb',
      merchantName: 'Angkor Computer',
      currency: 'KHR',
    });
    const merchant = staticKhqrPayload(
      {
        kind: 'merchant',
        accountId: 'angkor@aclb',
        name: 'Angkor Computer',
        city: 'Phnom Penh',
        merchantId: '123456',
        acquiringBank: 'ACLBKHPP',
        storeLabel: 'Street 310',
      },
      'USD',
    );
    expect(isValidKhqr(merchant)).toBe(true);
    expect(decodeKhqr(merchant)).toMatchObject({ dynamic: false, kind: 'merchant', currency: 'USD' });
  });

  it('is refused until an admin set the account, then comes from the pulled setting; never for a locked screen', async () => {
    const { core, c, feed } = await receiptCounter(newDir());
    await expect(c.staticKhqr({ currency: 'USD' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(c.staticKhqr({ currency: 'EUR' } as never)).rejects.toMatchObject({ code: 'invalid' });

    feed.pages.push(
      page(100, [
        setting('payments.merchant', {
          kind: 'individual',
          accountId: 'angkor@aclb',
          name: 'Angkor Computer',
          city: 'Phnom Penh',
        }),
      ]),
    );
    await core.pullNow();
    const shown = await c.staticKhqr({ currency: 'USD' });
    expect(shown).toMatchObject({ currency: 'USD', receiverName: 'Angkor Computer' });
    expect(decodeKhqr(shown.khqr)).toMatchObject({ dynamic: false, accountId: 'angkor@aclb' });
    expect(shown.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    await c.signOut();
    await expect(c.staticKhqr({ currency: 'USD' })).rejects.toMatchObject({ code: 'forbidden' });
    core.close();
  });
});

describe('the recent sales list (reprints)', () => {
  it('lists this counter’s sales newest first with their total and units, checks its limit, and needs a cashier', async () => {
    const { core, c } = await receiptCounter(newDir());
    expect(await c.recentSales({})).toEqual([]);
    const first = await mouseSale(core);
    await c.addLine({ productId: 'mouse', quantity: 3 });
    await c.pay({ method: 'cash', currency: 'USD', tendered: 50_00 });
    const second = await c.commitSale();

    const listed = await c.recentSales({});
    expect(listed.map((sale) => sale.receiptNumber)).toEqual([second.receiptNumber, first.receiptNumber]);
    expect(listed[0]).toMatchObject({ totalCents: 3 * 12_34, units: 3, synced: false });
    expect(await c.recentSales({ limit: 1 })).toHaveLength(1);
    for (const limit of [0, 101, 1.5, '5'])
      await expect(c.recentSales({ limit } as never)).rejects.toMatchObject({ code: 'invalid' });

    await core.pushNow();
    expect((await c.recentSales({}))[0]!.synced).toBe(true);

    await c.signOut();
    await expect(c.recentSales({})).rejects.toMatchObject({ code: 'forbidden' });
    core.close();
  });
});
