import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invalid } from '../../http/errors';
import { WEAK_PASSWORD_FIELD } from './passwords';
import { startAccountsTestKit, statusOf, type AccountsTestKit } from './test-kit';
import { createActiveUser } from './users';
import { failure } from '../../../test/factory';

/**
 * Issue 9, finding 4: common and easily guessed passwords are refused wherever a password is chosen, with a field
 * error that says why; codes have a daily budget per account, and the owner is mailed when wrong codes keep coming.
 */
let kit: AccountsTestKit;
beforeAll(async () => {
  kit = await startAccountsTestKit(8);
});
afterAll(async () => {
  await kit?.stop();
});

const WEAK = ['password12', '1234567890', 'aaaaaaaaaa', 'qwertyuiop', 'Password123!', 'phnompenh2024'];

describe('weak passwords', () => {
  it('are refused at sign-up, with a field error on the password that says why', async () => {
    for (const password of WEAK) {
      const refused = await failure(
        kit.phone().client.register({ body: { email: kit.newEmail('weak'), password, name: 'Weak Choice' } }),
      );
      expect(refused, password).toMatchObject({ status: 400, fields: { password: WEAK_PASSWORD_FIELD } });
      expect(refused.message).toMatch(/common|guess|sequence|repeated|dates|contains/i);
    }
    // The person's own name and address count as easy guesses too.
    const email = kit.newEmail('sreyneang');
    expect(
      await failure(
        kit.phone().client.register({ body: { email, password: 'sreyneang2024', name: 'Sreyneang Chan' } }),
      ),
    ).toMatchObject({ status: 400, fields: { password: WEAK_PASSWORD_FIELD } });
    expect(kit.smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(0);
  });

  it('are refused when a password is reset, changed, or set by an admin', async () => {
    const owner = await kit.account('strong');
    const browser = kit.phone();
    await browser.client.login({ body: { email: owner.email, password: owner.password } });
    expect(
      await failure(
        browser.client.changePassword({
          body: { currentPassword: owner.password, newPassword: '1234567890' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { newPassword: WEAK_PASSWORD_FIELD } });

    await kit.phone().client.forgotPassword({ body: { email: owner.email } });
    const token = /token=([A-Za-z0-9_-]+)/.exec((await kit.mail(owner.email, /password/i)).text)![1]!;
    expect(
      await failure(kit.phone().client.resetPassword({ body: { token, password: 'password12' } })),
    ).toMatchObject({ status: 400, fields: { password: WEAK_PASSWORD_FIELD } });
    // The refused try did not use the link up.
    await kit.phone().client.resetPassword({ body: { token, password: 'a strong sentence after all' } });

    const admin = await kit.account('chief', 'admin');
    const desk = kit.phone();
    const first = await desk.client.login({ body: { email: admin.email, password: admin.password } });
    if (!('otpRequired' in first)) throw new Error('admins sign in with a code');
    const code = kit.code(await kit.mail(admin.email, /^Your sign-in code/));
    await desk.client.loginOtp({ body: { challengeId: first.challengeId, code } });
    expect(
      await failure(
        desk.client.createUser({
          body: { email: kit.newEmail('clerk'), name: 'New Clerk', role: 'staff', password: 'aaaaaaaaaa' },
        }),
      ),
    ).toMatchObject({ status: 400, fields: { password: WEAK_PASSWORD_FIELD } });
    // The admin CLI (npm run shop -- create-admin) makes accounts through the same function.
    await expect(
      createActiveUser(kit.server.database.db, {
        email: kit.newEmail('cli'),
        password: '1234567890',
        name: 'CLI Admin',
        role: 'admin',
      }),
    ).rejects.toBeInstanceOf(Invalid);
  });
});

describe('codes', () => {
  it('have a daily budget per account: after ten wrong ones even the right code is refused; the owner is mailed', async () => {
    const staff = await kit.account('counter', 'staff');
    const newCode = async (nth: number) => {
      // The server mails a new sign-in code once a minute: move the last one a minute into the past.
      await kit.server.database.db
        .updateTable('otp_challenges')
        .set((eb) => ({ created_at: eb('created_at', '-', 61_000) }))
        .where('user_id', '=', staff.id)
        .execute();
      const first = await kit
        .phone()
        .client.login({ body: { email: staff.email, password: staff.password } });
      if (!('otpRequired' in first)) throw new Error('staff sign in with a code');
      return {
        challengeId: first.challengeId,
        code: kit.code(await kit.mail(staff.email, /^Your sign-in code/, nth)),
      };
    };
    const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

    for (const nth of [1, 2]) {
      const { challengeId, code } = await newCode(nth);
      for (let i = 0; i < 5; i++)
        expect(
          await statusOf(kit.phone().client.loginOtp({ body: { challengeId, code: wrongFor(code) } })),
        ).toBe(400);
    }
    const alert = await kit.mail(staff.email, /wrong sign-in codes/i);
    expect(alert.text).toMatch(/reset-password|forgot-password/);

    const { challengeId, code } = await newCode(3);
    const refused = await failure(kit.phone().client.loginOtp({ body: { challengeId, code } }));
    expect(refused).toMatchObject({ status: 429 });
    expect(refused.message).toMatch(/today/);
    expect(kit.smtp.messages.filter((m) => /wrong sign-in codes/i.test(m.subject))).toHaveLength(1);
  });
});
