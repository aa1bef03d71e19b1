import { probeBaseline, settles } from './bench-shop';
import type { BenchOptions } from './options';
import {
  openRowLockWaits,
  prepareOrderFixtures,
  readOrderLedger,
  type RowLockWaits,
} from './orders-database';
import { runOrderLoad, runOrderRace, warmUpOrders, type RaceFigures } from './orders-load';
import type { OrderLoadRow, OrderSetupRow, RaceRow } from './report';
import { startShopServer, type ChildServer, type ShopServerTarget } from './server-process';

export interface OrdersTarget extends ShopServerTarget {
  label: string;
  /** CPU time of the database server so far, when it is a separate process on this machine. */
  databaseCpuSeconds?: () => number;
  /** Other databases the database server has clients of (they share its CPU with the benchmark). */
  otherDatabaseClients?: () => Promise<string[]>;
}

export interface OrderFigures {
  setup: OrderSetupRow;
  load: OrderLoadRow[];
  race: RaceRow | null;
  notes: string[];
}

/**
 * Order placement on one database: customers, stock and the merchant account are put in the database first, then
 * the real server places orders sequentially (warm-up), in the race for the last units, and under closed-loop load.
 * The ledger is read back at the end: every order must have reserved its unit and made its payment row.
 */
export async function benchOrders(
  target: OrdersTarget,
  options: BenchOptions,
  log: (line: string) => void,
  afterServerKilled: () => Promise<void> = async () => undefined,
): Promise<OrderFigures> {
  const settings = options.orders;
  const fixtures = await prepareOrderFixtures(target.databaseUrl, settings);
  log(
    `${target.label} orders: ${fixtures.tokens.length} customers with sessions, ` +
      `${fixtures.productIds.length} products with ${settings.stockPerProduct.toLocaleString('en-US')} each, ` +
      `"${fixtures.raceProduct.name}" with ${settings.race.stock} for the race (${fixtures.seconds.toFixed(1)} s)`,
  );
  const notes: string[] = [];
  const load: OrderLoadRow[] = [];
  let race: RaceFigures | null = null;
  let warmUpCount = 0;
  const others = new Set<string>();
  const noteOtherClients = async () => {
    for (const name of (await target.otherDatabaseClients?.().catch(() => [])) ?? []) others.add(name);
  };
  const warm = async (server: ChildServer) => {
    const warmed = await warmUpOrders(server.url, fixtures.tokens, fixtures.productIds, options.warmupSec);
    warmUpCount += warmed.orders;
    if (Object.keys(warmed.failed).length)
      notes.push(`${target.label}: warm-up orders answered ${statusList(warmed.failed)}.`);
  };

  const lockWaits = await openRowLockWaits(target.databaseUrl);
  let server = await startShopServer(target.label, target, options.nodeEnv);
  try {
    await warm(server);
    let idleProbeMs = await probeBaseline(server.url);

    race = await runOrderRace(
      server.url,
      fixtures.tokens,
      fixtures.raceProduct.id,
      settings.race.requests,
      settings.race.connections,
    );
    log(
      `${target.label} race: ${race.requests.toLocaleString('en-US')} orders at once for ${settings.race.stock} ` +
        `units: ${race.created} made (201), ${race.conflicts} refused (409), ` +
        `others ${statusList(otherStatuses(race.statuses)) || 'none'}, wall ${(race.wallMs / 1000).toFixed(2)} s`,
    );
    await noteOtherClients();
    await settles(server.url, idleProbeMs);

    for (const connections of settings.connections) {
      const locksBefore = await lockWaits?.read();
      const figures = await runOrderLoad(
        server,
        fixtures.tokens,
        fixtures.productIds,
        connections,
        options.durationSec,
        target.databaseCpuSeconds,
      );
      const locksAfter = await lockWaits?.read();
      const row: OrderLoadRow = {
        target: target.label,
        connections,
        restarted: false,
        ...figures,
        rowLockWaits: perOrder(locksBefore, locksAfter, figures.statuses[201] ?? 0),
      };
      load.push(row);
      log(describeOrderLoad(row));
      await noteOtherClients();
      if (!(await settles(server.url, idleProbeMs))) {
        row.restarted = true;
        log(`${target.label}: still busy with abandoned orders; restarting the server`);
        await server.stop();
        await afterServerKilled();
        server = await startShopServer(target.label, target, options.nodeEnv);
        await warm(server);
        idleProbeMs = await probeBaseline(server.url);
      }
    }
  } finally {
    await server.stop();
    await afterServerKilled();
    await lockWaits?.close();
  }

  if (others.size)
    notes.push(
      `${target.label}: the MariaDB server also had clients of other databases during the cases ` +
        `(${[...others].join(', ')}): its CPU figures include their work, and they competed for it.`,
    );
  const ledger = await readOrderLedger(target.databaseUrl, fixtures.productIds);
  const answered = warmUpCount + load.reduce((n, r) => n + (r.statuses[201] ?? 0), 0);
  const setup: OrderSetupRow = {
    target: target.label,
    customers: fixtures.tokens.length,
    products: fixtures.productIds.length,
    stockPerProduct: settings.stockPerProduct,
    seconds: fixtures.seconds,
    warmUpOrders: warmUpCount,
    answered201: answered,
    ledger,
  };
  if (ledger.reserved !== ledger.units || ledger.payments !== ledger.orders || ledger.orders < answered) {
    const problem =
      `${target.label}: the ledger does not add up after the throughput cases: ${ledger.orders} orders ` +
      `(${answered} answered 201), ${ledger.units} units ordered, ${ledger.reserved} reserved, ` +
      `${ledger.payments} payment rows`;
    shout(problem);
    notes.push(`**${problem}.**`);
  }

  let raceRow: RaceRow | null = null;
  if (race) {
    const raceLedger = await readOrderLedger(target.databaseUrl, [fixtures.raceProduct.id]);
    const stock = settings.race.stock;
    const exact =
      race.created === stock &&
      raceLedger.orders === stock &&
      raceLedger.units === stock &&
      raceLedger.payments === stock &&
      raceLedger.onHand === stock &&
      raceLedger.reserved === stock;
    raceRow = { target: target.label, stock, ...race, ledger: raceLedger, exact };
    log(
      `${target.label} race in the database: ${raceLedger.orders} orders, ${raceLedger.units} units, ` +
        `${raceLedger.payments} payments, stock on hand ${raceLedger.onHand}, reserved ${raceLedger.reserved}`,
    );
    if (!exact) {
      const problem =
        `${target.label}: THE RACE DID NOT END WITH EXACTLY ${stock} ORDERS: ${race.created} answered 201; ` +
        `the database holds ${raceLedger.orders} orders for ${raceLedger.units} units, ${raceLedger.payments} ` +
        `payments, on hand ${raceLedger.onHand}, reserved ${raceLedger.reserved}`;
      shout(problem);
      notes.push(`**${problem}.**`);
    }
    for (const [status, body] of Object.entries(race.otherExamples))
      notes.push(`${target.label} race: a ${status} answer said: \`${body.replace(/\s+/g, ' ')}\``);
  }
  return { setup, load, race: raceRow, notes };
}

/** Row-lock waits of MariaDB during a case, per order made (null on SQLite or when none was made). */
function perOrder(
  before: RowLockWaits | undefined,
  after: RowLockWaits | undefined,
  orders: number,
): OrderLoadRow['rowLockWaits'] {
  if (!before || !after || orders === 0) return null;
  return { perOrder: (after.waits - before.waits) / orders, msPerOrder: (after.ms - before.ms) / orders };
}

/** Printed so that nobody scrolls past it. */
function shout(problem: string): void {
  const bar = '!'.repeat(100);
  console.error(`\n${bar}\n!!! ${problem}\n${bar}\n`);
  process.exitCode = 1;
}

export function otherStatuses(statuses: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(statuses).filter(([code]) => code !== '201' && code !== '409'));
}

export function notCreated(statuses: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(statuses).filter(([code]) => code !== '201'));
}

export function statusList(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .map(([code, n]) => `${n} × ${code === '0' ? 'no answer' : code}`)
    .join(', ');
}

export function describeOrderLoad(row: OrderLoadRow): string {
  return (
    `${row.target} orders @${row.connections}: ${row.reqPerSec.toFixed(1)} req/s, ` +
    `p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, 2xx ${row.ok}, non-2xx ${row.non2xx}` +
    (row.non2xx ? ` (${statusList(notCreated(row.statuses))})` : '') +
    `, errors ${row.errors} (timeouts ${row.timeouts})` +
    (row.rowLockWaits
      ? `, row-lock waits ${row.rowLockWaits.perOrder.toFixed(2)}/order (${row.rowLockWaits.msPerOrder.toFixed(1)} ms/order)`
      : '')
  );
}
