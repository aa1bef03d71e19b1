import { createHash } from 'node:crypto';
import type { PushAnswer, PushBody, PushItem, PushResult } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { SyncItemTable } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { recordAudit, systemActor } from '../audit/audit';
import { markDeviceSynced } from '../devices/repo';
import type { CallingCounter } from '../devices/service';
import { applyItem } from './push-apply';
import { findSyncItem, insertSyncItem, settleSyncItem } from './push-repo';

/**
 * What a counter pushes: its sales, returns, shifts and cash movements, applied in order, each exactly once.
 *
 * Each item is applied in its own transaction that first inserts the item's row in sync_items, keyed by the ULID
 * the device made. A retry of the same id (after a timeout, a cut connection, a second window) finds that row and
 * gets the stored answer; two requests carrying it at the same time serialize on the key, and the loser's
 * duplicate-key error sends it to read the winner's answer. An item the server cannot apply (it names an unknown
 * product, staff member, serial, shift or sale) is parked for staff instead, so the items behind it go on.
 */
export async function pushItems(
  db: Db,
  counter: CallingCounter,
  body: PushBody,
  now = Date.now(),
): Promise<PushAnswer> {
  const results: PushResult[] = [];
  for (const item of body.items) results.push(await pushOne(db, counter, item, now));
  await markDeviceSynced(db, counter.id, now, { pending: body.pending, appVersion: body.appVersion });
  return { results };
}

async function pushOne(db: Db, counter: CallingCounter, item: PushItem, now: number): Promise<PushResult> {
  const hash = contentHash(item);
  const earlier = await findSyncItem(db, item.id);
  if (earlier) return storedAnswer(earlier, counter, hash);
  try {
    return await inTransaction(db, async (tx) => {
      await insertSyncItem(tx, syncRow(counter, item, hash, now, { status: 'applied' }));
      const applied = await applyItem({ tx, counter, now }, item);
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
    if (isUniqueViolation(error)) {
      const winner = await findSyncItem(db, item.id);
      if (winner) return storedAnswer(winner, counter, hash);
    }
    // Whatever else went wrong with this item is parked too (the database still answers, or parking fails as well
    // and the batch is a 500 the counter retries): one bad item never blocks the counter's queue.
    return park(db, counter, item, hash, reasonOf(error), now);
  }
}

/** Keeps an item the server could not apply, with why, for staff to fix and retry or discard. */
async function park(
  db: Db,
  counter: CallingCounter,
  item: PushItem,
  hash: string,
  error: string,
  now: number,
): Promise<PushResult> {
  const result: PushResult = { id: item.id, status: 'parked', error };
  try {
    await inTransaction(db, async (tx) => {
      await insertSyncItem(tx, {
        ...syncRow(counter, item, hash, now, { status: 'parked' }),
        result_json: JSON.stringify(result),
        error,
      });
      await recordAudit(
        tx,
        systemActor,
        {
          action: 'sync.park',
          entity: 'sync_item',
          entityId: item.id,
          after: { deviceId: counter.id, type: item.type, staffId: item.staffId, error },
        },
        now,
      );
    });
    return result;
  } catch (failure) {
    // The same item parked by a concurrent retry: answer what it stored.
    const winner = isUniqueViolation(failure) ? await findSyncItem(db, item.id) : undefined;
    if (winner) return storedAnswer(winner, counter, hash);
    throw failure;
  }
}

/** The answer kept for an id, unless this is not the item that was sent with it: then a conflict, never stored. */
function storedAnswer(row: SyncItemTable, counter: CallingCounter, hash: string): PushResult {
  if (row.device_id !== counter.id)
    return { id: row.id, status: 'conflict', error: 'Another counter pushed an item with this id' };
  if (row.content_hash !== hash)
    return {
      id: row.id,
      status: 'conflict',
      error: 'An item with this id but other content was pushed before',
    };
  return JSON.parse(row.result_json) as PushResult;
}

function syncRow(
  counter: CallingCounter,
  item: PushItem,
  hash: string,
  now: number,
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
export function contentHash(item: PushItem): string {
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
