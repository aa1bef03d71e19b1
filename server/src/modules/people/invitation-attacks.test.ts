import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ShopClient } from '@shop/shared';
import type { CapturedMail } from '../../../test/smtp';
import { signedInAs } from '../../../test/support';
import { failure } from '../../../test/factory';
import { startAccountsTestKit, statusOf, type AccountsTestKit } from '../accounts/test-kit';

/**
 * Staff invitations as a stranger, a customer and an admin's stolen session would use them: addresses that only look
 * like an account's, the search's wildcards, guessing links, and an invitation outliving the admin who sent it.
 */
let kit: AccountsTestKit;
let admin: ShopClient;

beforeAll(async () => {
  kit = await startAccountsTestKit(67);
  admin = (await signedInAs(kit.server.database.db, 'admin')).client(kit.server.url);
});
afterAll(() => kit?.stop());

const tokenOf = (mail: CapturedMail) => /accept-invitation\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
const strongPassword = () => `the till keeps ${Math.random().toString(36).slice(2, 10)} riel notes`;

describe('an invitation to an address that only looks like an account’s', () => {
  it('in other case or with spaces is the same address: 409, the customer keeps the account', async () => {
    const customer = await kit.account('buyer');
    const shouted = `  ${customer.email.toUpperCase()} `;
    expect(
      await failure<ApiError>(admin.inviteStaff({ body: { email: shouted, name: 'Buyer', role: 'admin' } })),
    ).toMatchObject({ status: 409 });
  });

  it('with a Unicode look-alike letter is not an address the shop takes: 400', async () => {
    // "а" is Cyrillic: a mailbox that reads like the customer's but is someone else's.
    const lookAlike = `d\u0430ra.${Date.now()}@example.test`;
    const error = await failure<ApiError>(
      admin.inviteStaff({ body: { email: lookAlike, name: 'Dara', role: 'admin' } }),
    );
    expect(error).toMatchObject({ status: 400, fields: { email: expect.any(String) } });
  });
});

describe('the invitation list’s search', () => {
  it('takes % and _ as themselves, not as wildcards', async () => {
    const email = kit.newEmail('so_kha');
    await admin.inviteStaff({ body: { email, name: 'Sokha', role: 'staff' } });
    expect((await admin.listInvitations({ query: { q: email } })).items).toHaveLength(1);
    expect((await admin.listInvitations({ query: { q: '%' } })).items).toHaveLength(0);
    expect((await admin.listInvitations({ query: { q: email.replace('_', '%') } })).items).toHaveLength(0);
    expect((await admin.listInvitations({ query: { q: email.replace('@', '_') } })).items).toHaveLength(0);
  });
});

describe('the link in the invitation mail', () => {
  it('is not kept in the mail outbox once sent: a copy of the database holds no link that makes staff', async () => {
    const email = kit.newEmail('kept');
    await admin.inviteStaff({ body: { email, name: 'Kept', role: 'admin' } });
    const token = tokenOf(await kit.mail(email, /invited/i));
    const row = async () =>
      kit.server.database.db
        .selectFrom('email_outbox')
        .select(['status', 'text', 'html'])
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
    for (let i = 0; (await row()).status !== 'sent' && i < 100; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const kept = await row();
    expect(kept.status).toBe('sent');
    expect(kept.text + kept.html).not.toContain(token);
  });
});

describe('guessing invitation links', () => {
  it('is refused after ten tries an hour from one address, before any password is hashed', async () => {
    const phone = kit.phone();
    const guess = () =>
      statusOf(
        phone.client.acceptInvitation({
          body: { token: Math.random().toString(36).repeat(4), password: strongPassword() },
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await guess());
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });
});

describe('an invitation outliving its admin', () => {
  it('sent by an admin since disabled (a stolen session found out) makes no account: the link is dead', async () => {
    const rogueSession = await signedInAs(kit.server.database.db, 'admin');
    const email = kit.newEmail('accomplice');
    await rogueSession
      .client(kit.server.url)
      .inviteStaff({ body: { email, name: 'Accomplice', role: 'admin' } });
    const token = tokenOf(await kit.mail(email, /invited/i));
    // The shop finds out and disables the admin whose session sent it.
    await admin.updateUser({ params: { id: rogueSession.userId }, body: { status: 'disabled' } });

    const error = await failure<ApiError>(
      kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } }),
    );
    expect(error).toMatchObject({ status: 400, fields: { token: expect.any(String) } });
    const made = await kit.server.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    expect(made).toBeUndefined();
  });

  it('sent by an admin since made staff is dead too', async () => {
    const demoted = await signedInAs(kit.server.database.db, 'admin');
    const email = kit.newEmail('friend');
    await demoted.client(kit.server.url).inviteStaff({ body: { email, name: 'Friend', role: 'admin' } });
    const token = tokenOf(await kit.mail(email, /invited/i));
    await admin.updateUser({ params: { id: demoted.userId }, body: { role: 'staff' } });
    expect(
      await statusOf(kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } })),
    ).toBe(400);
  });

  it('resent by an admin still in office, it lives again: that admin vouches for it now', async () => {
    const leaving = await signedInAs(kit.server.database.db, 'admin');
    const email = kit.newEmail('newhire');
    const sent = await leaving
      .client(kit.server.url)
      .inviteStaff({ body: { email, name: 'New hire', role: 'staff' } });
    await admin.updateUser({ params: { id: leaving.userId }, body: { status: 'disabled' } });
    const resent = await admin.resendInvitation({ params: { id: sent.id } });
    expect(resent.invitedBy).not.toBe(leaving.userId);
    const token = tokenOf(await kit.mail(email, /invited/i, 2));
    expect(
      await kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } }),
    ).toMatchObject({ otpRequired: true });
  });
});
