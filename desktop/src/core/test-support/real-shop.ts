import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createShopClient } from '@shop/shared';
import type { TestShop } from '../../../../server/test/factory';
import { startSession } from '../../../../server/src/modules/accounts/sessions';
import { createActiveUser } from '../../../../server/src/modules/accounts/users';
import { createPosCore, type PosCore } from '../core';
import { cashierSignedIn, TEST_PIN } from './cashier';

/**
 * What the counter-and-server tests build again and again: a staff member with a password and the counter PIN set
 * on the server (PUT /me/pin, so the verifier reaches counters through the pull), and a counter paired through the
 * real routes, its catalog and staff pulled from the server, the cashier signed in by PIN.
 */
export interface StaffWithPassword {
  id: string;
  email: string;
  password: string;
  client: ReturnType<typeof createShopClient>;
}

export async function aStaffMemberWithPin(
  shop: TestShop,
  role: 'staff' | 'admin' = 'staff',
): Promise<StaffWithPassword> {
  const email = `till-${randomBytes(4).toString('hex')}@example.test`;
  const password = `the till drawer sticks ${randomBytes(4).toString('hex')}`;
  const { id } = await createActiveUser(shop.server.database.db, { email, password, name: 'Sreyleak', role });
  const { token } = await startSession(shop.server.database.db, id);
  const client = createShopClient({
    baseUrl: shop.server.url,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  await client.setCounterPin({ body: { pin: TEST_PIN, password } });
  return { id, email, password, client };
}

/** Data folders for the counters of one test file: `make` one, `removeAll` after the file. */
export function counterFolders() {
  const made: string[] = [];
  return {
    make(): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-'));
      made.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A counter paired with the shop (through `serverUrl` when given: a proxy in front of the server), its first pull
 * done, and `cashierId` signed in by PIN as someone who signed in online on it before.
 */
export async function aReadyCounter(
  shop: TestShop,
  options: { name?: string; serverUrl?: string; cashierId: string; dataDir: string },
): Promise<{ core: PosCore; dataDir: string; deviceId: string }> {
  const { dataDir } = options;
  const core = createPosCore({ dataDir, appVersion: '0.1.0-test' });
  const { pairingCode } = await shop.admin.createDevice({ body: { name: options.name ?? 'Front counter' } });
  const { deviceId } = await core.commands.pair({
    serverUrl: options.serverUrl ?? shop.server.url,
    pairingCode,
  });
  await core.pullNow();
  await cashierSignedIn(core, options.cashierId);
  return { core, dataDir, deviceId };
}

/** Sells `quantity` of a product for cash in dollars, exactly what is due. */
export async function cashSale(core: PosCore, productId: string, quantity = 1) {
  await core.commands.addLine({ productId, quantity });
  const { totals } = await core.commands.sale();
  await core.commands.pay({ method: 'cash', currency: 'USD', tendered: totals.dueCents });
  return core.commands.commitSale();
}

/**
 * What the server holds of a device's pushes: its counter orders (id, receipt number) and the pushed items with the
 * order each became, sorted so two reads compare equal.
 */
export async function serverRecordOf(shop: TestShop, deviceId: string) {
  const db = shop.server.database.db;
  const [orders, items] = await Promise.all([
    db.selectFrom('orders').select(['id', 'receipt_number']).where('device_id', '=', deviceId).execute(),
    db
      .selectFrom('sync_items')
      .select(['id', 'type', 'status', 'order_id'])
      .where('device_id', '=', deviceId)
      .execute(),
  ]);
  const byText =
    <T>(key: (row: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return {
    orders: orders.sort(byText((o) => o.id)),
    items: items.sort(byText((i) => i.id)),
  };
}

/** Waits until `check` holds (polling every 25 ms), failing after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
