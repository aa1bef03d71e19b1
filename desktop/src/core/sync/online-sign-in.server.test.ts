import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestShopWithMail, type TestShopWithMail } from '../../../../server/test/factory';
import { extractCode } from '../../../../server/test/smtp';
import { createActiveUser } from '../../../../server/src/modules/accounts/users';
import { createPosCore } from '../core';
import { TEST_PIN } from '../test-support/cashier';
import { hostAndPort, startTcpProxy, type TcpProxy } from '../test-support/proxy';
import { aStaffMemberWithPin, counterFolders, type StaffWithPassword } from '../test-support/real-shop';

/**
 * Signing in at the counter as the shop does it: online first, with the password and the code the server mails
 * (a real SMTP server on loopback), then offline with the PIN the staff member set with PUT /me/pin, which reached
 * the counter through the pull. Customers' accounts never open a counter.
 */
let shop: TestShopWithMail;
let proxy: TcpProxy;
let clerk: StaffWithPassword;
const folders = counterFolders();
beforeAll(async () => {
  shop = await startTestShopWithMail();
  proxy = await startTcpProxy(hostAndPort(shop.server.url));
  // Made once: every password here is a deliberate ~0.2-2 s of scrypt on the server.
  clerk = await aStaffMemberWithPin(shop);
});
afterAll(async () => {
  await proxy.close();
  await shop.stop();
  folders.removeAll();
});

const sessionsOf = async (userId: string) =>
  (
    await shop.server.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('expires_at', '>', Date.now())
      .execute()
  ).length;

async function pairedCounter(config: { requestTimeoutMs?: number } = {}) {
  const core = createPosCore({ dataDir: folders.make(), appVersion: '0.1.0-test', config });
  const { pairingCode } = await shop.admin.createDevice({ body: { name: 'Front counter' } });
  await core.commands.pair({ serverUrl: proxy.url, pairingCode });
  await core.pullNow();
  return core;
}

describe('signing in at the counter', () => {
  it('online with the password and the mailed code, then offline with the PIN set on the server', async () => {
    const core = await pairedCounter();
    const c = core.commands;
    // Never signed in online on this counter: the PIN alone does not open it.
    await expect(c.signInWithPin({ staffId: clerk.id, pin: TEST_PIN })).rejects.toMatchObject({
      code: 'forbidden',
    });

    const sessionsBefore = await sessionsOf(clerk.id);
    const started = await c.signInOnline({ email: clerk.email, password: clerk.password });
    expect(started).toMatchObject({ codeRequired: true });
    const { challengeId } = started as { challengeId: string };
    const mail = await shop.smtp.waitFor((m) => m.to.includes(clerk.email), 10_000);
    const code = extractCode(mail);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(c.confirmSignInCode({ challengeId, code: wrong })).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(await c.signedIn()).toBeNull();
    expect(await c.confirmSignInCode({ challengeId, code })).toMatchObject({ id: clerk.id, role: 'staff' });
    expect(await c.signedIn()).toMatchObject({ id: clerk.id });
    // The counter sells under the cashier's name, not with their account: the session the server opened is gone.
    expect(await sessionsOf(clerk.id)).toBe(sessionsBefore);
    await c.signOut();

    // The server is out of reach: the PIN opens the counter for someone who signed in online here.
    proxy.switches.refuse = true;
    proxy.cutAll();
    try {
      await expect(c.signInOnline({ email: clerk.email, password: clerk.password })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(c.signInWithPin({ staffId: clerk.id, pin: '9999' })).rejects.toMatchObject({
        code: 'invalid',
        message: 'wrong PIN',
      });
      expect(await c.signInWithPin({ staffId: clerk.id, pin: TEST_PIN })).toMatchObject({ id: clerk.id });
    } finally {
      proxy.switches.refuse = false;
    }
    core.close();
  });

  it("a customer's account is refused at the counter, and no session of theirs stays open", async () => {
    const email = `buyer-${randomBytes(4).toString('hex')}@example.test`;
    const password = 'buys a mouse every month';
    const customer = await createActiveUser(shop.server.database.db, {
      email,
      password,
      name: 'Regular',
      role: 'customer',
    });
    const core = await pairedCounter();
    await expect(core.commands.signInOnline({ email, password })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await core.commands.signedIn()).toBeNull();
    expect(await sessionsOf(customer.id)).toBe(0);
    // Nor does a wrong password of a staff member get anywhere.
    await expect(
      core.commands.signInOnline({ email: clerk.email, password: 'not the password' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    core.close();
  });

  it('a server that stops answering sends the cashier to the PIN in moments, not after minutes', async () => {
    const core = await pairedCounter({ requestTimeoutMs: 1_000 });
    proxy.switches.holdResponses = true;
    const started = Date.now();
    try {
      await expect(
        core.commands.signInOnline({ email: clerk.email, password: clerk.password }),
      ).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      proxy.switches.holdResponses = false;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    core.close();
  });
});
