import type { Locale, Role, User, UserStatus } from '@shop/shared';
import type { UserTable } from '../../db/schema';

/** Staff and admins always confirm sign-in with a mailed code; customers may turn it on. */
export function needsLoginCode(user: Pick<UserTable, 'role' | 'otp_login'>): boolean {
  return user.role !== 'customer' || user.otp_login === 1;
}

export function toUser(row: UserTable): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.status as UserStatus,
    phone: row.phone,
    locale: row.locale as Locale,
    otpLogin: needsLoginCode(row),
    createdAt: Number(row.created_at),
  };
}
