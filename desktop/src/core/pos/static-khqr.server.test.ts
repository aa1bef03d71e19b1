import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestShop, type TestShop } from '../../../../server/test/factory';
import { decodeKhqr } from '../../../../server/src/modules/payments/khqr';
import {
  aReadyCounter,
  aStaffMemberWithPin,
  counterFolders,
  type StaffWithPassword,
} from '../test-support/real-shop';

/**
 * The static KHQR a counter shows offline is made of the shop's Bakong account as an admin set it on the server and
 * the counter pulled it: a change of account reaches the counter's QR with the next pull.
 */
let shop: TestShop;
let cashier: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShop();
  cashier = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await shop.stop();
  folders.removeAll();
});

describe("the shop's static KHQR at a real counter", () => {
  it('is the Bakong account an admin set, as pulled; an account changed on the server changes it after a pull', async () => {
    await shop.admin.changeSetting({
      params: { key: 'payments.merchant' },
      body: {
        value: { kind: 'individual', accountId: 'angkor@aclb', name: 'Angkor Computer', city: 'Phnom Penh' },
      },
    });
    const { core } = await aReadyCounter(shop, { cashierId: cashier.id, dataDir: folders.make() });
    const shown = await core.commands.staticKhqr({ currency: 'KHR' });
    expect(decodeKhqr(shown.khqr)).toMatchObject({
      dynamic: false,
      accountId: 'angkor@aclb',
      merchantName: 'Angkor Computer',
      currency: 'KHR',
    });

    await shop.admin.changeSetting({
      params: { key: 'payments.merchant' },
      body: {
        value: {
          kind: 'merchant',
          accountId: 'angkor@abaa',
          name: 'Angkor Computer Co',
          city: 'Siem Reap',
          merchantId: '778899',
          acquiringBank: 'ABAAKHPP',
        },
      },
    });
    await core.pullNow();
    expect(decodeKhqr((await core.commands.staticKhqr({ currency: 'USD' })).khqr)).toMatchObject({
      kind: 'merchant',
      accountId: 'angkor@abaa',
      city: 'Siem Reap',
      currency: 'USD',
    });
    core.close();
  });
});
