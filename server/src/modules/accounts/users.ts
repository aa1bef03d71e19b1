import { roles, type Role } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { Conflict, Invalid } from '../../http/errors';
import { hashPassword } from './passwords';
import { refuseWeakPassword } from './password-policy';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const MIN_PASSWORD_LENGTH = 10;

/** Creates an active account (the admin CLI and seeds); sign-up with email verification comes with accounts. */
export async function createActiveUser(
  db: Db,
  input: { email: string; password: string; name: string; role: Role },
): Promise<{ id: string; email: string }> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new Invalid('Check the email address', { email: 'not an email address' });
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw new Invalid('Choose a longer password', {
      password: `use at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  refuseWeakPassword(input.password, 'password', { email, name: input.name });
  if (!roles.includes(input.role)) throw new Invalid('Unknown role', { role: `one of ${roles.join(', ')}` });
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing)
    throw new Conflict('An account with this email already exists', { email: 'already registered' });
  const now = Date.now();
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: input.name.trim() || email,
      role: input.role,
      status: 'active',
      password_hash: await hashPassword(input.password),
      phone: null,
      locale: 'en',
      otp_login: 0,
      email_verified_at: now,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, email };
}
