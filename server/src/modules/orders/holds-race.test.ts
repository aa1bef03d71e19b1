import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, holdLimitOf, type ApiError, type ShopClient } from '@shop/shared';
import { spawnServer, type ServerProcess, useBuiltServer } from '../../../test/processes';
import { aProductWithStock } from '../../../test/factory';
import { createTestDatabase, type TestDatabase } from '../../../test/support';
import { openDatabase, type ShopDatabase } from '../../db/database';
import { startSession } from '../accounts/sessions';
import { createActiveUser } from '../accounts/users';

/**
 * The limits on unpaid orders hold when one customer's orders race through two server processes on one database,
 * as behind a load balancer (issue 9, finding 9): the counters are rows both processes update conditionally, so
 * neither can let an order through on a count the other has already used.
 */
const built = useBuiltServer();
let target: TestDatabase;
let db: ShopDatabase;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  target = await createTestDatabase({ migrated: true });
  const env = {
    DATABASE_URL: target.url,
    DATA_DIR: target.dataDir,
    SEED: 'demo',
    BAKONG_POLL_MS: '3600000',
  };
  // The first start seeds; the second process then joins the same database.
  servers.push(await spawnServer(env, { built: built.main }));
  servers.push(await spawnServer(env, { built: built.main }));
  db = await openDatabase(target.url);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.close();
  await target?.drop();
});

/** The same account signed in on both processes. */
async function signedIn(role: 'customer' | 'admin'): Promise<ShopClient[]> {
  const user = await createActiveUser(db.db, {
    email: `${role}-${Math.random().toString(36).slice(2, 10)}@example.test`,
    password: 'racer-password-5193',
    name: role,
    role,
  });
  const { token } = await startSession(db.db, user.id);
  return servers.map((s) =>
    createShopClient({ baseUrl: s.url, headers: () => ({ authorization: `Bearer ${token}` }) }),
  );
}

async function productWithStock(admin: ShopClient, stock: number): Promise<string> {
  const product = await aProductWithStock(
    { admin, staff: admin },
    { stock, priceCents: 12_000, name: 'Monitor' },
  );
  return product.id;
}

/** `count` orders sent at once, alternating between the two processes. */
function race(clients: ShopClient[], count: number, productId: string, quantity: number) {
  return Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      clients[i % 2]!.placeOrder({
        body: { items: [{ productId, quantity }], fulfilment: 'pickup', currency: 'USD' },
      }),
    ),
  );
}

describe('two server processes on one database', () => {
  it("one customer's orders racing through both: at most 3 unpaid orders and 5 units of a product", async () => {
    const [admin] = await signedIn('admin');
    const productId = await productWithStock(admin!, 100);

    const orders = await race(await signedIn('customer'), 12, productId, 1);
    expect(orders.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    for (const refused of orders.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(refused.reason).toMatchObject({ status: 409 });
      expect(holdLimitOf((refused.reason as ApiError).fields)).toMatchObject({ kind: 'unpaid_orders' });
    }

    const units = await race(await signedIn('customer'), 8, productId, 2);
    expect(units.filter((o) => o.status === 'fulfilled')).toHaveLength(2);

    const level = await db.db
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();
    expect({ onHand: Number(level.on_hand), reserved: Number(level.reserved) }).toEqual({
      onHand: 100,
      reserved: 3 + 4,
    });
  });
});
