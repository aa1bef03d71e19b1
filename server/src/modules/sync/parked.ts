import type { ParkedItem, PushedItem, PushResult } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction, type Tx } from '../../db/transaction';
import { AppError, Conflict, NotFound } from '../../http/errors';
import { recordAudit, type Actor } from '../audit/audit';
import { readPushedItem } from './contract';
import { applyItem } from './push-apply';
import { claimParkedItem, findSyncItem, listParkedRows, setParkedError, settleSyncItem } from './push-repo';

/**
 * The back office's list of pushed items the server parked. Staff fix the cause (create the product, receive the
 * serial, reactivate the staff member) and retry: the stored item is applied as it was sent, and from then on the
 * counter gets the applied answer if it pushes the item again. Or they discard it, saying why.
 */
type Staff = Actor & { userId: string };

export async function listParkedItems(db: Db): Promise<{ items: ParkedItem[] }> {
  const rows = await listParkedRows(db, { status: 'parked' });
  return { items: rows.map(toParkedItem) };
}

/** A retried item that still cannot be applied: the transaction is undone, the item stays parked. */
class StillFailing extends Error {}

export async function retryParkedItem(
  db: Db,
  staff: Staff,
  id: string,
  now = Date.now(),
): Promise<ParkedItem> {
  try {
    await inTransaction(db, async (tx) => {
      const row = await claim(tx, id, now);
      // Read as the counter sent it, in its contract version: an item this server cannot read stays parked.
      const read = readPushedItem(JSON.parse(row.item_json) as PushedItem, row.contract);
      if (read.refused !== undefined) throw new StillFailing(read.refused);
      const { item } = read;
      const counter = { id: row.device_id, name: '' };
      const applied = await applyItem({ tx, counter, now }, item).catch((error: unknown) => {
        throw error instanceof AppError ? new StillFailing(error.message) : error;
      });
      const result: PushResult = { id, status: 'applied', ...applied };
      await settleSyncItem(tx, id, {
        status: 'applied',
        result_json: JSON.stringify(result),
        // Kept: why it had been parked stays in the item's history.
        error: row.error,
        order_id: applied.orderId ?? null,
        resolved_at: now,
        resolved_by: staff.userId,
      });
      await recordAudit(
        tx,
        staff,
        {
          action: 'sync.retry',
          entity: 'sync_item',
          entityId: id,
          before: { error: row.error },
          after: result,
        },
        now,
      );
    });
  } catch (error) {
    if (!(error instanceof StillFailing)) throw error;
    await setParkedError(
      db,
      id,
      error.message,
      JSON.stringify({ id, status: 'parked', error: error.message }),
    );
    throw new Conflict(`It still cannot be applied: ${error.message}`);
  }
  return loadParkedItem(db, id);
}

export async function discardParkedItem(
  db: Db,
  staff: Staff,
  id: string,
  reason: string,
  now = Date.now(),
): Promise<ParkedItem> {
  await inTransaction(db, async (tx) => {
    const row = await claim(tx, id, now);
    const error = `Discarded by staff: ${reason}`;
    await settleSyncItem(tx, id, {
      status: 'discarded',
      result_json: JSON.stringify({ id, status: 'parked', error } satisfies PushResult),
      error: row.error,
      order_id: null,
      resolved_at: now,
      resolved_by: staff.userId,
      discard_reason: reason,
    });
    await recordAudit(
      tx,
      staff,
      {
        action: 'sync.discard',
        entity: 'sync_item',
        entityId: id,
        before: { error: row.error },
        after: { reason },
      },
      now,
    );
  });
  return loadParkedItem(db, id);
}

/** The parked item, locked for this staff member; 404 for an unknown id, 409 once applied or discarded. */
async function claim(tx: Tx, id: string, now: number) {
  const claimed = await claimParkedItem(tx, id, now);
  const row = await findSyncItem(tx, id);
  if (!row) throw new NotFound('There is no pushed item with this id');
  if (!claimed) throw new Conflict(`This item is ${row.status}, not parked`);
  return row;
}

async function loadParkedItem(db: Db, id: string): Promise<ParkedItem> {
  const [row] = await listParkedRows(db, { id });
  if (!row) throw new NotFound('There is no pushed item with this id');
  return toParkedItem(row);
}

function toParkedItem(row: Awaited<ReturnType<typeof listParkedRows>>[number]): ParkedItem {
  return {
    id: row.id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    type: row.type,
    item: JSON.parse(row.item_json) as unknown,
    status: row.status as ParkedItem['status'],
    error: row.error ?? '',
    parkedAt: Number(row.received_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    resolvedBy: row.resolved_by === null ? null : { id: row.resolved_by, name: row.resolver_name ?? '' },
    discardReason: row.discard_reason,
    orderId: row.order_id,
  };
}
