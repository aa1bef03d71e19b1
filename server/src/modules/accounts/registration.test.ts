import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf, startAccountsTestKit, type AccountsTestKit } from './test-kit';
import { failure } from '../../../test/factory';

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

/**
 * A sign-up code counts only in the browser (or client) whose sign-up it was mailed for: the two code mails look
 * alike, so the owner may well enter the stranger's; that must not give the stranger's password to her account.
 */
const wrongCodeAnswer = { status: 400, fields: { code: 'wrong or expired code' } };
const elsewhereAnswer = {
  status: 400,
  message: expect.stringMatching(
    /Enter the code in the browser where you signed up, or sign up again in this one/,
  ),
};

/** The tries counted on each sign-up code of an address, oldest code first. */
async function triesPerCode(email: string): Promise<number[]> {
  const rows = await kit.server.database.db
    .selectFrom('otp_challenges')
    .innerJoin('users', 'users.id', 'otp_challenges.user_id')
    .select('otp_challenges.attempts')
    .where('users.email', '=', email)
    .where('otp_challenges.purpose', '=', 'verify_email')
    .orderBy('otp_challenges.created_at')
    .orderBy('otp_challenges.id')
    .execute();
  return rows.map((row) => Number(row.attempts));
}

/** A client that keeps no sign-up cookie (curl, an app): it has only what the answer says. */
async function signUpWithoutCookie(body: { email: string; password: string; name: string }) {
  const client = kit.phone();
  const answer = await client.client.register({ body });
  client.cookies.delete('signup');
  return { ...client, attempt: answer.attempt };
}

/** A minute passes: the codes of an address were mailed 61 s earlier. */
async function aMinuteLater(email: string): Promise<void> {
  await kit.server.database.db
    .updateTable('otp_challenges')
    .set((eb) => ({ created_at: eb('created_at', '-', 61_000) }))
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('email', '=', email))
    .execute();
}

describe('a sign-up code counts only in the browser that signed up', () => {
  it.each(['after', 'before'] as const)(
    'a stranger signs up %s the owner: in her browser only her own code works, with either mail at hand',
    async (when) => {
      const email = kit.newEmail(`either.${when}`);
      const owner = kit.phone();
      const stranger = kit.phone();
      const ownerPassword = 'the owner chose this sentence herself';
      const strangerPassword = 'the stranger wants this account badly';
      const ownerSignsUp = async (nth: number) => {
        await owner.client.register({
          body: { email, password: ownerPassword, name: 'Sokha Meas', locale: 'km' },
        });
        return kit.code(await kit.mail(email, verifyMail, nth));
      };
      const strangerSignsUp = async (nth: number) => {
        await stranger.client.register({ body: { email, password: strangerPassword, name: 'Shop Support' } });
        return kit.code(await kit.mail(email, verifyMail, nth));
      };
      const strangersCode = when === 'before' ? await strangerSignsUp(1) : '';
      const ownersCode = await ownerSignsUp(when === 'before' ? 2 : 1);
      const codes = { ownersCode, strangersCode: strangersCode || (await strangerSignsUp(2)) };

      // She enters the code of the stranger's mail in her browser: a wrong code like any other, and counted as one.
      expect(
        await failure(owner.client.verifyEmail({ body: { email, code: codes.strangersCode } })),
      ).toMatchObject(wrongCodeAnswer);
      expect(await triesPerCode(email)).toEqual(when === 'before' ? [0, 1] : [1, 0]);

      const signedIn = await owner.client.verifyEmail({ body: { email, code: codes.ownersCode } });
      expect(signedIn.user).toMatchObject({ email, name: 'Sokha Meas', locale: 'km', status: 'active' });
      expect(await outcomeOf(kit.phone().client.login({ body: { email, password: ownerPassword } }))).toBe(
        'signed in',
      );
      expect(await outcomeOf(kit.phone().client.login({ body: { email, password: strangerPassword } }))).toBe(
        401,
      );
      expect((await owner.client.getMe({})).user.name).toBe('Sokha Meas');
    },
  );

  it('the stranger gets nowhere with a code that is not theirs, not even the owner’s own', async () => {
    const email = kit.newEmail('leaked');
    const owner = kit.phone();
    await owner.client.register({
      body: { email, password: 'owner types her own words', name: 'Chenda Ly' },
    });
    const ownersCode = kit.code(await kit.mail(email, verifyMail, 1));
    const stranger = kit.phone();
    await stranger.client.register({
      body: { email, password: 'stranger tries the address too', name: 'Not Chenda' },
    });
    await kit.mail(email, verifyMail, 2);

    // Even were the owner's code to leak: in the stranger's browser it is not a code of their sign-up.
    expect(await failure(stranger.client.verifyEmail({ body: { email, code: ownersCode } }))).toMatchObject(
      wrongCodeAnswer,
    );
    const guess = ownersCode === '000000' ? '111111' : '000000';
    expect(await failure(stranger.client.verifyEmail({ body: { email, code: guess } }))).toMatchObject(
      wrongCodeAnswer,
    );
    // Nor in a browser of no sign-up: the right code alone does not say whose attempt to apply.
    expect(
      await failure(kit.phone().client.verifyEmail({ body: { email, code: ownersCode } })),
    ).toMatchObject(elsewhereAnswer);

    expect((await owner.client.verifyEmail({ body: { email, code: ownersCode } })).user.name).toBe(
      'Chenda Ly',
    );
  });

  it('a client without cookies that signed up alone verifies with just the address and the code', async () => {
    const email = kit.newEmail('curl');
    const client = await signUpWithoutCookie({
      email,
      password: 'a plain client signs up',
      name: 'Rith Sam',
    });
    expect(client.attempt).toMatch(/^[\w-]{43}$/);
    expect(client.cookies.has('signup')).toBe(false);
    const code = kit.code(await kit.mail(email, verifyMail, 1));
    const signedIn = await client.client.verifyEmail({ body: { email, code } });
    expect(signedIn.user).toMatchObject({ email, name: 'Rith Sam', status: 'active' });
  });

  it('with two sign-ups waiting and no token, a right code is answered with what to do; `attempt` tells whose', async () => {
    const email = kit.newEmail('two');
    const ownerPassword = 'the owner signs up from a script';
    const owner = await signUpWithoutCookie({ email, password: ownerPassword, name: 'Bopha Keo' });
    const ownersCode = kit.code(await kit.mail(email, verifyMail, 1));
    const stranger = kit.phone();
    const strangerPassword = 'the stranger signs up in a browser';
    await stranger.client.register({ body: { email, password: strangerPassword, name: 'Bopha K' } });
    const strangersCode = kit.code(await kit.mail(email, verifyMail, 2));

    // A wrong code says nothing about who else signed up.
    const guess = [ownersCode, strangersCode].includes('000000') ? '999999' : '000000';
    expect(await failure(owner.client.verifyEmail({ body: { email, code: guess } }))).toMatchObject(
      wrongCodeAnswer,
    );
    // The newest mail's code (the stranger's) and her own: neither is applied without knowing whose sign-up it is.
    for (const code of [strangersCode, ownersCode]) {
      const refused = await failure(owner.client.verifyEmail({ body: { email, code } }));
      expect(refused).toMatchObject({
        ...elsewhereAnswer,
        fields: { code: 'enter the code in the browser where you signed up, or sign up again in this one' },
      });
    }
    expect(await outcomeOf(kit.phone().client.login({ body: { email, password: strangerPassword } }))).toBe(
      403,
    );

    // Sent back, the sign-up's `attempt` makes the stranger's code a wrong one and her own the one that counts.
    expect(
      await failure(
        owner.client.verifyEmail({ body: { email, code: strangersCode, attempt: owner.attempt } }),
      ),
    ).toMatchObject(wrongCodeAnswer);
    const signedIn = await owner.client.verifyEmail({
      body: { email, code: ownersCode, attempt: owner.attempt },
    });
    expect(signedIn.user).toMatchObject({ name: 'Bopha Keo', status: 'active' });
    expect(await outcomeOf(kit.phone().client.login({ body: { email, password: strangerPassword } }))).toBe(
      401,
    );
  });

  it('a new code asked for in the owner’s browser is for her own sign-up, whoever signed up last', async () => {
    const email = kit.newEmail('resend');
    const owner = kit.phone();
    await owner.client.register({
      body: { email, password: 'the owner waits for her mail', name: 'Srey Pov' },
    });
    await kit.mail(email, verifyMail, 1);
    const stranger = kit.phone();
    await stranger.client.register({
      body: { email, password: 'a stranger squeezes in before', name: 'Pov Srey' },
    });
    await kit.mail(email, verifyMail, 2);
    await aMinuteLater(email);
    const codesOf = async () =>
      (
        await kit.server.database.db
          .selectFrom('otp_challenges')
          .innerJoin('users', 'users.id', 'otp_challenges.user_id')
          .select('otp_challenges.id')
          .where('users.email', '=', email)
          .execute()
      ).length;

    // A browser of no sign-up cannot say whose attempt it wants renewed: nothing is mailed (the answer is the same).
    await kit.phone().client.resendVerification({ body: { email } });
    expect(await codesOf()).toBe(2);

    await owner.client.resendVerification({ body: { email } });
    const renewed = kit.code(await kit.mail(email, verifyMail, 3));
    expect((await owner.client.verifyEmail({ body: { email, code: renewed } })).user.name).toBe('Srey Pov');
  });
});

describe('a password reset link for an address not yet verified', () => {
  const resetLinkToken = async (email: string) =>
    /token=([A-Za-z0-9_-]+)/.exec((await kit.mail(email, /password/i)).text)![1]!;

  it('finishes the sign-up with what the person opening it chose, never with the stranger’s choices', async () => {
    for (const opener of ['her sign-up browser', 'another browser'] as const) {
      const email = kit.newEmail('reset');
      const stranger = kit.phone();
      const strangerPassword = 'stranger signed up first of all';
      await stranger.client.register({ body: { email, password: strangerPassword, name: 'Shop Support' } });
      const owner = kit.phone();
      await owner.client.register({
        body: { email, password: 'owner forgot what she typed', name: 'Malis Touch', locale: 'km' },
      });
      await kit.mail(email, verifyMail, 2);

      // She asks for a new password instead of entering a code, and opens the link.
      await owner.client.forgotPassword({ body: { email } });
      const browser = opener === 'her sign-up browser' ? owner : kit.phone();
      const renewed = 'a new password from the mailed link';
      await browser.client.resetPassword({ body: { token: await resetLinkToken(email), password: renewed } });

      const signedIn = await kit.phone().client.login({ body: { email, password: renewed } });
      expect(signedIn).toMatchObject({ user: { status: 'active' } });
      // The stranger's name goes; hers comes only from a sign-up she made in the browser that opened the link.
      expect('user' in signedIn && signedIn.user).toMatchObject(
        opener === 'her sign-up browser' ? { name: 'Malis Touch', locale: 'km' } : { name: '' },
      );
      expect(await outcomeOf(kit.phone().client.login({ body: { email, password: strangerPassword } }))).toBe(
        401,
      );
      const changed = await kit.mail(email, /changed|ប្ដូរ/i);
      expect(changed.text).not.toContain('Shop Support');
    }
  });
});
