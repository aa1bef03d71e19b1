import { createHash } from 'node:crypto';
import type { PushAnswer, PushedItem, PushItem, PushRequest, PushResult } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { SyncItemTable } from '../../db/schema';
import { inSavepoint, TransactionLost } from '../../db/savepoint';
import { inTransaction, isRetryableTransactionError, type Tx } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { recordAudit, systemActor } from '../audit/audit';
import { markDeviceSynced } from '../devices/repo';
import type { CallingCounter } from '../devices/service';
import { recordStockChanges } from '../inventory/ledger';
import type { ApplyContext } from './counter-context';
import { contractOf, readPushedItem } from './contract';
import { applyItem } from './push-apply';
import { findSyncItems, insertSyncItems, settleSyncItem } from './push-repo';
import type { SaleItem } from './sale';
import { applySaleRun, runsTogether } from './sale-run';
import { noticeParkedItem } from '../notifications/producers';

/**
 * What a counter pushes: its sales, returns, shifts and cash movements, applied in order, each exactly once.
 *
 * A batch (at most 200 items) is applied in transactions of up to 50 items, each item (or run of consecutive sales,
 * sale-run.ts) inside a savepoint of its transaction (docs/decisions/0005-counter-push.md): one commit per 50 items
 * instead of one per item, and one statement per table for a run of sales instead of a dozen per sale, is what makes
 * 10,000 queued sales go up in seconds. Each item first inserts its row in sync_items, keyed by the ULID the device made. An item
 * the server cannot apply (it names an unknown product, staff member, serial, shift or sale) rolls back to its
 * savepoint and is parked for staff in the same transaction, so the items behind it go on.
 *
 * Exactly once: ids already kept are answered from their rows, read before the transaction. Two requests carrying
 * the same id at the same time serialize on its key: the second waits for the first's commit (MySQL's key lock,
 * SQLite's single writer), then its insert breaks the key; it then throws its whole transaction away and starts
 * again, and the new read finds every answer the winner stored. A deadlock or lock-wait error runs the whole batch
 * again (inTransaction): a batch is answered whole or not at all.
 */
export async function pushItems(
  db: Db,
  counter: CallingCounter,
  body: PushRequest,
  now = Date.now(),
): Promise<PushAnswer> {
  // Which shapes the items are in: a counter of any version the server knows keeps syncing (contract.ts).
  const contract = contractOf(body.contract);
  const results = await applyBatch(db, counter, body.items, contract, now);
  await markDeviceSynced(db, counter.id, now, { pending: body.pending, appVersion: body.appVersion });
  return { results };
}

/** Another request applied one of the batch's ids meanwhile: this transaction is thrown away and run again. */
class LostRace extends Error {
  constructor(id: string) {
    super(`item ${id} was applied by a concurrent push`);
  }
}

// Each restart follows a commit of a concurrent push carrying the same ids, so a few are always enough.
const RACE_ATTEMPTS = 5;

/**
 * Items per transaction. One commit per item made 10,000 queued sales take minutes; one transaction for a whole
 * batch of 200 holds SQLite's single connection (every request of the shop waits) and MySQL's order-number and
 * change-feed counters (every web order waits) for the whole batch. 50 keeps nearly all of the gain
 * (docs/decisions/0005-counter-push.md has the figures).
 */
const ITEMS_PER_TRANSACTION = 50;

async function applyBatch(
  db: Db,
  counter: CallingCounter,
  items: readonly PushedItem[],
  contract: number,
  now: number,
): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (let start = 0; start < items.length; start += ITEMS_PER_TRANSACTION) {
    const part = items.slice(start, start + ITEMS_PER_TRANSACTION);
    results.push(...(await applyPart(db, counter, part, contract, now)));
  }
  return results;
}

/**
 * One transaction's share of the batch. A later part that fails after an earlier one committed fails the request
 * (the counter retries it and gets the committed items' stored answers): never an answer for half of the items.
 */
async function applyPart(
  db: Db,
  counter: CallingCounter,
  items: readonly PushedItem[],
  contract: number,
  now: number,
): Promise<PushResult[]> {
  for (let attempt = 1; ; attempt++) {
    const kept = await findSyncItems(
      db,
      items.map((item) => item.id),
    );
    try {
      return await inTransaction(db, (tx) => applyInOrder(tx, { counter, contract, now }, items, kept));
    } catch (error) {
      if (!(error instanceof LostRace) || attempt >= RACE_ATTEMPTS) throw error;
    }
  }
}

/** Who pushed, in which contract version, when: what every item's row records. */
interface Push {
  counter: CallingCounter;
  contract: number;
  now: number;
}

async function applyInOrder(
  tx: Tx,
  push: Push,
  items: readonly PushedItem[],
  kept: Map<string, SyncItemTable>,
): Promise<PushResult[]> {
  const { counter, contract, now } = push;
  const ctx: ApplyContext = { tx, counter, now, batch: { stockChanged: new Set(), lookups: new Map() } };
  // Answers given in this batch, for an id that comes twice in it (as a retry would find it kept).
  const answered = new Map<string, { hash: string; result: PushResult }>();
  const results: PushResult[] = [];
  // Consecutive sales not yet applied, applied together when something else comes (or the batch ends).
  let run: Pending[] = [];
  const settle = (pending: Pending, result: PushResult) => {
    answered.set(pending.item.id, { hash: pending.hash, result });
    results[pending.index] = result;
  };
  const flush = async () => {
    for (const [pending, result] of await applyRun(ctx, contract, run)) settle(pending, result);
    run = [];
  };
  for (const [index, raw] of items.entries()) {
    const read = readPushedItem(raw, contract);
    // The item as its version reads it (what earlier servers hashed), or as sent when it cannot be read.
    const hash = contentHash(read.refused === undefined ? read.item : raw);
    const row = kept.get(raw.id);
    if (row) {
      results[index] = storedAnswer(row, counter, hash);
      continue;
    }
    if (run.some((p) => p.item.id === raw.id)) await flush();
    const earlier = answered.get(raw.id);
    if (earlier) results[index] = earlier.hash === hash ? earlier.result : otherContent(raw.id);
    else if (read.refused !== undefined) {
      // A type or shape this server does not take: kept for staff as sent, never lost, never blocking the queue.
      await flush();
      const result = await park(tx, push, raw, hash, read.refused);
      answered.set(raw.id, { hash, result });
      results[index] = result;
    } else if (read.item.type === 'sale' && runsTogether(read.item))
      run.push({ item: read.item, hash, index });
    else {
      await flush();
      const pending = { item: read.item, hash, index };
      settle(pending, await pushOne(ctx, contract, read.item, hash, `push_item_${index}`));
    }
  }
  await flush();
  // Last, as every feed writer does (change-log.ts): the feed's counter is held from here to the commit only.
  await recordStockChanges(tx, [...ctx.batch!.stockChanged], now);
  return results;
}

interface Pending {
  item: PushItem;
  hash: string;
  /** Its place in the pushed batch. */
  index: number;
}

/**
 * Consecutive sales applied together (sale-run.ts) inside one savepoint, their sync_items rows written last with
 * their answers. Sales that fail their checks are then applied one at a time (they park, with the reason). Should
 * anything else go wrong, the savepoint undoes the run and each sale is applied one at a time: never worse than
 * before runs existed.
 */
async function applyRun(
  ctx: ApplyContext,
  contract: number,
  run: readonly Pending[],
): Promise<[Pending, PushResult][]> {
  if (run.length === 0) return [];
  const one = async (pending: Pending): Promise<[Pending, PushResult]> => [
    pending,
    await pushOne(ctx, contract, pending.item, pending.hash, `push_item_${pending.index}`),
  ];
  if (run.length === 1) return [await one(run[0]!)];
  const byIndex = new Map(run.map((p) => [p.index, p]));
  let answered: [Pending, PushResult][];
  let leftOut: Pending[];
  try {
    ({ answered, leftOut } = await inSavepoint(ctx.tx, `push_run_${run[0]!.index}`, async () => {
      const sales = run.map((p) => ({ item: p.item as SaleItem, index: p.index }));
      const outcome = await applySaleRun(ctx, sales);
      const applied = outcome.applied.map(({ sale, answer }): [Pending, PushResult] => [
        byIndex.get(sale.index)!,
        { id: sale.item.id, status: 'applied', ...answer },
      ]);
      await takeItemKeys(
        ctx.tx,
        applied.map(([pending, result]) => ({
          ...syncRow({ ...ctx, contract }, pending.item, pending.hash, { status: 'applied' }),
          result_json: JSON.stringify(result),
          order_id: result.orderId ?? null,
        })),
      );
      return { answered: applied, leftOut: outcome.leftOut.map((sale) => byIndex.get(sale.index)!) };
    }));
  } catch (error) {
    if (error instanceof LostRace || error instanceof TransactionLost || isRetryableTransactionError(error))
      throw error;
    // Not expected: kept in the audit log (with why) for whoever looks into it, and the sales still go up.
    await recordAudit(
      ctx.tx,
      systemActor,
      {
        action: 'sync.run_undone',
        entity: 'device',
        entityId: ctx.counter.id,
        after: { items: run.length, error: reasonOf(error) },
      },
      ctx.now,
    );
    answered = [];
    leftOut = [...run];
  }
  for (const pending of leftOut) answered.push(await one(pending));
  return answered;
}

async function pushOne(
  ctx: ApplyContext,
  contract: number,
  item: PushItem,
  hash: string,
  savepoint: string,
): Promise<PushResult> {
  const { tx, counter, now } = ctx;
  const push = { counter, contract, now };
  try {
    return await inSavepoint(tx, savepoint, async () => {
      await takeItemKey(tx, syncRow(push, item, hash, { status: 'applied' }));
      const applied = await applyItem(ctx, item);
      const result: PushResult = { id: item.id, status: 'applied', ...applied };
      await settleSyncItem(tx, item.id, {
        status: 'applied',
        result_json: JSON.stringify(result),
        error: null,
        order_id: applied.orderId ?? null,
      });
      return result;
    });
  } catch (error) {
    // The batch as a whole must run again: never park an item for these.
    if (error instanceof LostRace || error instanceof TransactionLost || isRetryableTransactionError(error))
      throw error;
    // Whatever else went wrong with this item is parked (the savepoint undid its writes): one bad item never
    // blocks the counter's queue.
    return park(tx, push, item, hash, reasonOf(error));
  }
}

/** Inserts the item's row: its key taken by a push that committed meanwhile means this one lost the race. */
async function takeItemKey(tx: Tx, row: SyncItemTable): Promise<void> {
  await takeItemKeys(tx, [row]);
}

async function takeItemKeys(tx: Tx, rows: SyncItemTable[]): Promise<void> {
  try {
    await insertSyncItems(tx, rows);
  } catch (error) {
    if (isUniqueViolation(error)) throw new LostRace(rows.map((r) => r.id).join(', '));
    throw error;
  }
}

/** Keeps an item the server could not apply, with why, for staff to fix and retry or discard. */
async function park(tx: Tx, push: Push, item: PushedItem, hash: string, error: string): Promise<PushResult> {
  const { counter, contract, now } = push;
  const result: PushResult = { id: item.id, status: 'parked', error };
  await takeItemKey(tx, {
    ...syncRow(push, item, hash, { status: 'parked' }),
    result_json: JSON.stringify(result),
    error,
  });
  await noticeParkedItem(tx, { counter: counter.name, error });
  await recordAudit(
    tx,
    systemActor,
    {
      action: 'sync.park',
      entity: 'sync_item',
      entityId: item.id,
      after: { deviceId: counter.id, type: item.type, staffId: item.staffId, contract, error },
    },
    now,
  );
  return result;
}

function otherContent(id: string): PushResult {
  return { id, status: 'conflict', error: 'An item with this id but other content was pushed before' };
}

/** The answer kept for an id, unless this is not the item that was sent with it: then a conflict, never stored. */
function storedAnswer(row: SyncItemTable, counter: CallingCounter, hash: string): PushResult {
  if (row.device_id !== counter.id)
    return { id: row.id, status: 'conflict', error: 'Another counter pushed an item with this id' };
  if (row.content_hash !== hash) return otherContent(row.id);
  return JSON.parse(row.result_json) as PushResult;
}

function syncRow(
  { counter, contract, now }: Push,
  item: PushedItem,
  hash: string,
  outcome: { status: 'applied' | 'parked' },
): SyncItemTable {
  return {
    id: item.id,
    device_id: counter.id,
    type: item.type,
    staff_id: item.staffId,
    content_hash: hash,
    item_json: JSON.stringify(item),
    status: outcome.status,
    result_json: '{}',
    error: null,
    order_id: null,
    at: item.at,
    received_at: now,
    resolved_at: null,
    resolved_by: null,
    discard_reason: null,
    contract,
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (isUniqueViolation(error))
    return 'A record this item makes exists already (the same shift or return id)';
  const message = error instanceof Error ? error.message : String(error);
  return `The server could not apply it: ${message.slice(0, 300)}`;
}

/** SHA-256 of the item's canonical JSON (keys sorted at every level): the same content hashes the same. */
export function contentHash(item: PushedItem): string {
  return createHash('sha256').update(canonicalJson(item)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
