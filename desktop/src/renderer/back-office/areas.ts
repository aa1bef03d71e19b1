import { can, type Permission, type Role } from '@shop/shared';

/**
 * The back office's areas, each behind the permission its routes need on the server: an area a role cannot use is
 * not offered (the server refuses its routes anyway).
 */
export const areas = [
  { path: 'orders', permission: 'orders.manage' },
  { path: 'payments', permission: 'orders.manage' },
  { path: 'pre-orders', permission: 'orders.manage' },
  { path: 'products', permission: 'stock.view' },
  { path: 'stock', permission: 'stock.view' },
  { path: 'customers', permission: 'customers.view' },
  // Staff read them (they sell with them); admins write them (promotions.manage, checked on the screen and server).
  { path: 'promotions', permission: 'promotions.view' },
  { path: 'support', permission: 'support.manage' },
  { path: 'repairs', permission: 'repairs.manage' },
  { path: 'people', permission: 'users.manage' },
  { path: 'settings', permission: 'settings.manage' },
  { path: 'audit', permission: 'audit.view' },
  // Everyone who sells: the owner sees the shop's reports, staff only their own shift (reports/reports-screen.tsx).
  { path: 'reports', permission: 'pos.sell' },
  { path: 'health', permission: 'health.view' },
] as const satisfies readonly { path: string; permission: Permission }[];

export type AreaPath = (typeof areas)[number]['path'];

export const areasFor = (role: Role) => areas.filter((area) => can(role, area.permission));
