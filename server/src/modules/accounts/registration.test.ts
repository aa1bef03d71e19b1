import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@shop/shared';
import { outcomeOf, startAccountsTestKit, type AccountsTestKit } from './test-kit';

/**
 * Issue 9, finding 1: signing up with someone else's address first must gain nothing. The code proves who owns the
 * address; what the person entering it chose is what the account gets, and every other attempt is gone.
 */
let kit: AccountsTestKit;
beforeAll(async () => {
  kit = await startAccountsTestKit(2);
});
afterAll(async () => {
  await kit?.stop();
});

const verifyMail = /verif|ផ្ទៀងផ្ទាត់/i; // English or Khmer subject
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected an error'),
    (e: unknown) => e as ApiError,
  );

describe('sign-up with an address someone else tried first', () => {
  it("the owner's code gives the owner's password, name and language; the attacker's password and code are dead", async () => {
    const email = kit.newEmail('victim');
    const attacker = kit.phone();
    const attackerPassword = 'attacker chose this before the owner came';
    await attacker.client.register({ body: { email, password: attackerPassword, name: 'Attacker Chan' } });
    const attackersCode = kit.code(await kit.mail(email, verifyMail, 1));

    const owner = kit.phone();
    const ownerPassword = 'the owner types a sentence of her own';
    await owner.client.register({
      body: { email, password: ownerPassword, name: 'Sokha Meas', locale: 'km' },
    });
    const ownersMail = await kit.mail(email, verifyMail, 2);
    expect(ownersMail.text).not.toContain('Attacker');
    const signedIn = await owner.client.verifyEmail({ body: { email, code: kit.code(ownersMail) } });
    expect(signedIn.user).toMatchObject({ email, name: 'Sokha Meas', locale: 'km', status: 'active' });

    expect(await outcomeOf(kit.phone().client.login({ body: { email, password: ownerPassword } }))).toBe(
      'signed in',
    );
    expect(await outcomeOf(kit.phone().client.login({ body: { email, password: attackerPassword } }))).toBe(
      401,
    );
    // The attacker's own code went to the owner's mailbox; it no longer opens anything.
    expect(
      await failure(attacker.client.verifyEmail({ body: { email, code: attackersCode } })),
    ).toMatchObject({
      status: 400,
    });
    expect((await owner.client.getMe({})).user.name).toBe('Sokha Meas');
  });

  it("an attempt made after the owner's does not change what the owner's code applies", async () => {
    const email = kit.newEmail('late');
    const owner = kit.phone();
    const ownerPassword = 'owner signs up first and verifies later';
    await owner.client.register({ body: { email, password: ownerPassword, name: 'Dara Pich' } });
    const ownersCode = kit.code(await kit.mail(email, verifyMail, 1));

    const attacker = kit.phone();
    const attackerPassword = 'attacker squeezes in before verification';
    await attacker.client.register({ body: { email, password: attackerPassword, name: 'Not Dara' } });
    await kit.mail(email, verifyMail, 2);
    // The password of the newest attempt only gets "verify first" (and a code mailed to the owner): no session.
    expect(await outcomeOf(attacker.client.login({ body: { email, password: attackerPassword } }))).toBe(403);

    const signedIn = await owner.client.verifyEmail({ body: { email, code: ownersCode } });
    expect(signedIn.user.name).toBe('Dara Pich');
    expect(await outcomeOf(kit.phone().client.login({ body: { email, password: attackerPassword } }))).toBe(
      401,
    );
    expect(await outcomeOf(kit.phone().client.login({ body: { email, password: ownerPassword } }))).toBe(
      'signed in',
    );
  });

  it('signing in to an unverified address with the newest attempt’s password mails a code for that attempt', async () => {
    const email = kit.newEmail('unverified');
    const browser = kit.phone();
    const password = 'still waiting for the verification mail';
    await browser.client.register({ body: { email, password, name: 'Vanna Kim' } });
    await kit.mail(email, verifyMail, 1);
    // A minute later the customer tries to sign in instead of entering the code.
    await kit.server.database.db
      .updateTable('otp_challenges')
      .set((eb) => ({ created_at: eb('created_at', '-', 61_000) }))
      .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('email', '=', email))
      .execute();
    const refused = await failure(browser.client.login({ body: { email, password } }));
    expect(refused).toMatchObject({ status: 403 });
    const code = kit.code(await kit.mail(email, verifyMail, 2));
    expect((await browser.client.verifyEmail({ body: { email, code } })).user.name).toBe('Vanna Kim');
  });
});
