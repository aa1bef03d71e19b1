/**
 * Who may do what: the one table every protected route and service consults. Roles only grow upwards
 * (a staff member can do what a customer can, an admin what staff can).
 */
export const roles = ['customer', 'staff', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = {
  'catalog.manage': ['admin'],
  'stock.view': ['staff', 'admin'],
  'stock.manage': ['staff', 'admin'],
  /** Cost prices and the stock's value at cost: the shop's margins are the owner's business, not the counter's. */
  'stock.cost': ['admin'],
  /** Pushed counter items the server parked: fix and re-apply, or discard with a reason. */
  'sync.resolve': ['staff', 'admin'],
  'devices.manage': ['admin'],
  /** Sell at a counter: sign in there (PIN), push sales, returns and shifts under one's own name. */
  'pos.sell': ['staff', 'admin'],
  'customers.view': ['staff', 'admin'],
  'orders.manage': ['staff', 'admin'],
  /** Promotions and coupons: staff read them (they sell with them), the owner sets them (they are margin). */
  'promotions.view': ['staff', 'admin'],
  'promotions.manage': ['admin'],
  'support.manage': ['staff', 'admin'],
  'users.manage': ['admin'],
  /** The shop's settings, the Bakong token and the mail server: what every order, payment and mail runs on. */
  'settings.manage': ['admin'],
  /** Who changed what and when: it names staff and what they did, so only admins read it. */
  'audit.view': ['admin'],
  /** Sales, margins and takings of the whole shop: the owner's figures (a cashier reads their own shift's only). */
  'reports.view': ['admin'],
  /** The servers' and counters' health: backlogs, devices, the Bakong token. */
  'health.view': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
