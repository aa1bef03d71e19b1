import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, type ApiError, type ShopClient } from '@shop/shared';
import { makePinVerifier } from '@shop/shared/pin-verifier';
import type { CapturedMail } from '../../../test/smtp';
import { signedInAs } from '../../../test/support';
import { failure } from '../../../test/factory';
import { startAccountsTestKit, statusOf, type AccountsTestKit } from '../accounts/test-kit';
import { updateUserRow } from '../accounts/repo';

/**
 * Staff invitations and the admin's care of people's sign-ins, through real HTTP with every link and code read out
 * of a real mail. Each invitee acts from a phone of its own (its own loopback address).
 */
let kit: AccountsTestKit;
let admin: ShopClient;
let adminId: string;

beforeAll(async () => {
  kit = await startAccountsTestKit(61);
  const signedIn = await signedInAs(kit.server.database.db, 'admin');
  admin = signedIn.client(kit.server.url);
  adminId = signedIn.userId;
});
afterAll(() => kit?.stop());

const db = () => kit.server.database.db;
const tokenOf = (mail: CapturedMail) => /accept-invitation\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
const strongPassword = () => `the till keeps ${Math.random().toString(36).slice(2, 10)} riel notes`;

async function invite(label: string, role: 'staff' | 'admin' = 'staff') {
  const email = kit.newEmail(label);
  const invitation = await admin.inviteStaff({ body: { email, name: `Sokha ${label}`, role } });
  const mail = await kit.mail(email, /invited/i);
  return { email, invitation, mail, token: tokenOf(mail) };
}

describe('a staff member is invited, accepts by mail and signs in', () => {
  it('the link in the mail sets a password, a mailed code completes the sign-in, and the account is staff', async () => {
    const { email, invitation, mail, token } = await invite('dara');
    expect(invitation).toMatchObject({ email, role: 'staff', status: 'pending', invitedBy: adminId });
    expect(invitation.expiresAt - invitation.createdAt).toBe(72 * 60 * 60 * 1000);
    // The link goes out only by mail: never in the answer, never in the audit log.
    expect(JSON.stringify(invitation)).not.toContain(token);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'user.invited')
      .execute();
    expect(audit.map((a) => a.after_json).join()).not.toContain(token);
    expect(mail.text).toContain('72 hours');

    const phone = kit.phone();
    const password = strongPassword();
    const accepted = await phone.client.acceptInvitation({ body: { token, password } });
    expect(accepted).toMatchObject({ otpRequired: true });
    if (!('otpRequired' in accepted)) throw new Error('a code should be asked for');
    const code = kit.code(await kit.mail(email, /code/i));
    const signedIn = await phone.client.loginOtp({ body: { challengeId: accepted.challengeId, code } });
    expect(signedIn.user).toMatchObject({ email, role: 'staff', status: 'active', name: 'Sokha dara' });
    expect((await phone.client.getMe({})).user.role).toBe('staff');

    const { items } = await admin.listInvitations({ query: { status: 'accepted', q: email } });
    expect(items).toEqual([expect.objectContaining({ id: invitation.id, userId: signedIn.user.id })]);
    const counted = await db()
      .selectFrom('change_log')
      .select('entity')
      .where('entity_id', '=', signedIn.user.id)
      .execute();
    expect(counted.map((c) => c.entity)).toContain('staff');
  });

  it('the link works once: of five racing accepts exactly one makes the account, the others are 400', async () => {
    const { email, token } = await invite('race');
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        statusOf(
          kit.phone().client.acceptInvitation({ body: { token, password: `${strongPassword()} ${i}` } }),
        ),
      ),
    );
    expect(answers.sort()).toEqual([200, 400, 400, 400, 400]);
    const users = await db().selectFrom('users').select(['role']).where('email', '=', email).execute();
    expect(users).toEqual([{ role: 'staff' }]);
    expect(
      await statusOf(kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } })),
    ).toBe(400);
  });

  it('an expired link is refused with a clear message, and a new invitation to the same address takes its place', async () => {
    const { email, invitation, token } = await invite('late');
    await db()
      .updateTable('staff_invitations')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', invitation.id)
      .execute();
    const error = await failure(
      kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } }),
    );
    expect(error).toMatchObject({ status: 400, fields: { token: 'expired or used' } });
    expect((await admin.listInvitations({ query: { q: email } })).items[0]!.status).toBe('expired');
    const fresh = await admin.inviteStaff({ body: { email, name: 'Sokha late', role: 'staff' } });
    expect(fresh.status).toBe('pending');
    expect(await db().selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('resend mails a new link and the old one stops working; revoke makes the link dead', async () => {
    const { email, invitation, token: first } = await invite('resend');
    await admin.resendInvitation({ params: { id: invitation.id } });
    const second = tokenOf(await kit.mail(email, /invited/i, 2));
    expect(second).not.toBe(first);
    expect(
      await statusOf(
        kit.phone().client.acceptInvitation({ body: { token: first, password: strongPassword() } }),
      ),
    ).toBe(400);
    const revoked = await admin.revokeInvitation({ params: { id: invitation.id } });
    expect(revoked.status).toBe('revoked');
    expect(
      await statusOf(
        kit.phone().client.acceptInvitation({ body: { token: second, password: strongPassword() } }),
      ),
    ).toBe(400);
    expect(await failure(admin.resendInvitation({ params: { id: invitation.id } }))).toMatchObject({
      status: 409,
    });
    expect(await failure(admin.revokeInvitation({ params: { id: invitation.id } }))).toMatchObject({
      status: 409,
    });
    expect(await failure(admin.revokeInvitation({ params: { id: 'no-such-invitation' } }))).toMatchObject({
      status: 404,
    });
  });

  it('one open invitation per address; only staff and admin roles; a weak password is refused and the link survives', async () => {
    const { email, token } = await invite('twice');
    expect(await failure(admin.inviteStaff({ body: { email, name: 'Again', role: 'admin' } }))).toMatchObject(
      {
        status: 409,
        fields: { email: 'already invited' },
      },
    );
    const customerRole = await failure(
      admin.inviteStaff({ body: { email: kit.newEmail('cust'), name: 'X', role: 'customer' as 'staff' } }),
    );
    expect(customerRole).toMatchObject({ status: 400 });
    const weak = await failure(
      kit.phone().client.acceptInvitation({ body: { token, password: 'password12' } }),
    );
    expect(weak).toMatchObject({ status: 400 });
    expect(
      await kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } }),
    ).toMatchObject({ otpRequired: true });
  });
});

describe('an invitation never takes over an account', () => {
  it('an address with a customer account cannot be invited: the admin changes its role instead', async () => {
    const customer = await kit.account('buyer');
    const error = await failure(
      admin.inviteStaff({ body: { email: customer.email, name: 'Buyer', role: 'admin' } }),
    );
    expect(error).toMatchObject({ status: 409, fields: { email: 'already has an account' } });
    const row = await db()
      .selectFrom('users')
      .select(['role'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('customer');
  });

  it('a customer account made after the invitation is not taken over by accepting it: 409, password unchanged', async () => {
    const { email, token } = await invite('later-customer');
    const before = await kit.account('placeholder');
    // The address becomes a customer account meanwhile (as a verified sign-up would make it).
    await updateUserRow(db(), before.id, { email });
    const hash = (
      await db()
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', before.id)
        .executeTakeFirstOrThrow()
    ).password_hash;
    const error = await failure(
      kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } }),
    );
    expect(error).toMatchObject({ status: 409 });
    const after = await db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect({ role: after.role, hash: after.password_hash }).toEqual({ role: 'customer', hash });
    expect(await kit.phone().client.login({ body: { email, password: before.password } })).toHaveProperty(
      'user',
    );
  });

  it('a sign-up never verified is no one’s yet: the invitee takes it over and its pending sign-up code dies', async () => {
    const email = kit.newEmail('squatted');
    const stranger = kit.phone();
    await stranger.client.register({ body: { email, password: strongPassword(), name: 'Stranger' } });
    const signUpCode = kit.code(await kit.mail(email, /verif/i));
    const invitation = await admin.inviteStaff({ body: { email, name: 'Real Person', role: 'staff' } });
    const token = tokenOf(await kit.mail(email, /invited/i));
    await kit.phone().client.acceptInvitation({ body: { token, password: strongPassword() } });
    const row = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'staff', status: 'active', name: 'Real Person' });
    expect(await statusOf(stranger.client.verifyEmail({ body: { email, code: signUpCode } }))).not.toBe(200);
    expect((await admin.listInvitations({ query: { q: email } })).items[0]).toMatchObject({
      id: invitation.id,
      status: 'accepted',
      userId: row.id,
    });
  });
});

describe('admins and people’s sign-ins', () => {
  it('two admins demoting each other at once: one wins, the other gets 409, the shop keeps an admin', async () => {
    const a = await signedInAs(db(), 'admin');
    const b = await signedInAs(db(), 'admin');
    // Only these two stay active admins for this test.
    await db()
      .updateTable('users')
      .set({ status: 'disabled' })
      .where('role', '=', 'admin')
      .where('id', 'not in', [a.userId, b.userId])
      .execute();
    try {
      const answers = await Promise.all([
        statusOf(a.client(kit.server.url).updateUser({ params: { id: b.userId }, body: { role: 'staff' } })),
        statusOf(
          b.client(kit.server.url).updateUser({ params: { id: a.userId }, body: { status: 'disabled' } }),
        ),
      ]);
      // The loser is refused by the roster check (409), or, if the winner committed before its request was
      // authorized, as the staff member it now is (403).
      expect(answers.filter((s) => s === 200)).toHaveLength(1);
      expect(answers.filter((s) => s === 409 || s === 403)).toHaveLength(1);
      const admins = await db()
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .execute();
      expect(admins).toHaveLength(1);
    } finally {
      await db().updateTable('users').set({ status: 'active' }).where('id', '=', adminId).execute();
    }
  });

  it('an admin cannot disable or demote themselves: a clear 409 naming the field', async () => {
    const me = await admin.getMe({});
    expect(
      await failure(admin.updateUser({ params: { id: me.user.id }, body: { status: 'disabled' } })),
    ).toMatchObject({
      status: 409,
      fields: { status: 'your own account' },
    });
    expect(
      await failure(admin.updateUser({ params: { id: me.user.id }, body: { role: 'staff' } })),
    ).toMatchObject({
      status: 409,
      fields: { role: 'your own account' },
    });
  });

  it('resetting a staff member’s second factor clears their counter PIN for the counters and ends their sessions', async () => {
    const staff = await signedInAs(db(), 'staff');
    await updateUserRow(db(), staff.userId, {
      pin_verifier: await makePinVerifier('4821'),
      pin_set_at: Date.now(),
    });
    const staffApi = staff.client(kit.server.url);
    await staffApi.getMe({});
    const head = Number(
      (
        await db()
          .selectFrom('counters')
          .select('value')
          .where('name', '=', 'change_log')
          .executeTakeFirstOrThrow()
      ).value,
    );
    const { user } = await admin.resetSecondFactor({ params: { id: staff.userId } });
    expect(user.id).toBe(staff.userId);
    const row = await db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', staff.userId)
      .executeTakeFirstOrThrow();
    expect(row.pin_verifier).toBeNull();
    expect(await statusOf(staffApi.getMe({}))).toBe(401);
    const fed = await db()
      .selectFrom('change_log')
      .select(['entity'])
      .where('entity_id', '=', staff.userId)
      .where('seq', '>', head)
      .execute();
    expect(fed).toEqual([{ entity: 'staff' }]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor_id'])
      .where('action', '=', 'user.second_factor_reset')
      .execute();
    expect(audit).toEqual([{ actor_id: adminId }]);
    expect(await failure(admin.resetSecondFactor({ params: { id: 'nobody' } }))).toMatchObject({
      status: 404,
    });
  });

  it('sign-in history shows each sign-in, failure and mailed code with its time, address and browser', async () => {
    const staff = await kit.account('history', 'staff');
    const browser = createShopClient({
      baseUrl: kit.server.url,
      fetch: kit.phone().fetch,
      headers: () => ({ 'user-agent': 'ShopPOS/1.0 (counter 2)' }),
    });
    expect(
      await statusOf(browser.login({ body: { email: staff.email, password: 'not the password at all' } })),
    ).toBe(401);
    const first = await browser.login({
      body: { email: staff.email, password: staff.password, client: 'desktop' },
    });
    if (!('otpRequired' in first)) throw new Error('staff need a code');
    const code = kit.code(await kit.mail(staff.email, /code/i));
    await browser.loginOtp({ body: { challengeId: first.challengeId, code, client: 'desktop' } });

    const history = await admin.listUserSignIns({ params: { id: staff.id }, query: {} });
    expect(history.total).toBe(3);
    expect(history.items.map((i) => i.outcome)).toEqual(['signed_in', 'code_sent', 'failed']);
    expect(history.items[0]).toMatchObject({
      userAgent: 'ShopPOS/1.0 (counter 2)',
      secondFactor: 'email',
      sessionLive: true,
    });
    expect(history.items.every((i) => i.ip && i.at > 0)).toBe(true);
    const failed = await admin.listUserSignIns({
      params: { id: staff.id },
      query: { outcome: 'failed', pageSize: 1 },
    });
    expect(failed).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(await failure(admin.listUserSignIns({ params: { id: 'nobody' }, query: {} }))).toMatchObject({
      status: 404,
    });
  });

  it('one account by its id: the list row’s fields plus when its PIN was set; 404 for an unknown id', async () => {
    const staff = await kit.account('page', 'staff');
    const listed = await admin.listUsers({ query: { q: staff.email } });
    expect(listed.items).toHaveLength(1);
    const person = await admin.getUser({ params: { id: staff.id } });
    expect(person).toEqual({ ...listed.items[0], counterPinSetAt: null });
    expect(person).toMatchObject({ id: staff.id, email: staff.email, role: 'staff', status: 'active' });
    expect(JSON.stringify(person)).not.toMatch(/verifier|password|hash/i);

    const setAt = Date.now();
    await updateUserRow(db(), staff.id, { pin_verifier: await makePinVerifier('7305'), pin_set_at: setAt });
    expect((await admin.getUser({ params: { id: staff.id } })).counterPinSetAt).toBe(setAt);

    // What the page reloads after a change is the account as it is now.
    await admin.updateUser({ params: { id: staff.id }, body: { role: 'admin' } });
    await admin.updateUser({ params: { id: staff.id }, body: { status: 'disabled' } });
    expect(await admin.getUser({ params: { id: staff.id } })).toMatchObject({
      role: 'admin',
      status: 'disabled',
    });

    // 'invitations' is a path of its own, not an id.
    expect(await admin.listInvitations({ query: {} })).toHaveProperty('items');
    expect(await failure(admin.getUser({ params: { id: 'nobody' } }))).toMatchObject({ status: 404 });
  });

  it('staff and customers cannot read one account by its id (the users list shows staff customers only)', async () => {
    const staff = (await signedInAs(db(), 'staff')).client(kit.server.url);
    const customer = await signedInAs(db(), 'customer');
    expect(await statusOf(staff.getUser({ params: { id: customer.userId } }))).toBe(403);
    expect(await statusOf(staff.getUser({ params: { id: adminId } }))).toBe(403);
    const customerApi = customer.client(kit.server.url);
    expect(await statusOf(customerApi.getUser({ params: { id: customer.userId } }))).toBe(403);
    expect(await statusOf(kit.phone().client.getUser({ params: { id: adminId } }))).toBe(401);
  });

  it('staff and customers can neither invite nor read sign-ins', async () => {
    const staff = (await signedInAs(db(), 'staff')).client(kit.server.url);
    const error = await failure<ApiError>(
      staff.inviteStaff({ body: { email: kit.newEmail('sneaky'), name: 'Sneaky', role: 'admin' } }),
    );
    expect(error.status).toBe(403);
    expect(await statusOf(staff.listUserSignIns({ params: { id: adminId }, query: {} }))).toBe(403);
  });
});
