import type { Role, UserStatus } from '@shop/shared';
import type { peopleTexts } from './texts';

type Texts = (typeof peopleTexts)['en'];

export const roleLabel = (t: Texts, role: Role) =>
  ({ customer: t.roleCustomer, staff: t.roleStaff, admin: t.roleAdmin })[role];

export const statusLabel = (t: Texts, status: UserStatus) =>
  ({ unverified: t.statusUnverified, active: t.statusActive, disabled: t.statusDisabled })[status];
