import type { PushResult } from '@shop/shared';
import type { PosShiftTable } from '../../db/schema';
import type { Tx } from '../../db/transaction';
import { NotFound } from '../../http/errors';
import type { Actor } from '../audit/audit';
import type { CallingCounter } from '../devices/service';
import { findUserForCounter } from './counter-repo';
import { findShift } from './shift-repo';

/**
 * What applying one pushed item needs: its transaction, the counter that sent it, and the server's clock. An item
 * that names something the server does not know throws a typed error (NotFound, Conflict, Invalid): the push parks
 * it with that message, a staff retry answers it as a 409.
 */
export interface ApplyContext {
  tx: Tx;
  counter: CallingCounter;
  now: number;
  /** Set when the item is one of a pushed batch applied in one transaction (push-service.ts). */
  batch?: PushBatch;
}

/**
 * What the items of one pushed batch share inside its one transaction: lookups that cannot change during it (the
 * staff member, the shop's riel rate) are made once, and the products whose stock its sales moved get their one
 * change-feed entry each when the batch ends, so the feed's counter row is locked for a moment at the end instead of
 * from the first sale to the commit.
 */
export interface PushBatch {
  stockChanged: Set<string>;
  lookups: Map<string, Promise<unknown>>;
}

/** `load()` once per batch for `key` (every time when the item is applied alone, as a staff retry does). */
export function oncePerBatch<T>(ctx: ApplyContext, key: string, load: () => Promise<T>): Promise<T> {
  if (!ctx.batch) return load();
  let found = ctx.batch.lookups.get(key) as Promise<T> | undefined;
  if (!found) {
    found = load();
    ctx.batch.lookups.set(key, found);
  }
  return found;
}

/** What applying an item answers (its id and status are added by the push). */
export type Applied = Omit<PushResult, 'id' | 'status'>;

/** The staff member who did an item: an active staff member or admin. The audit row names them. */
export async function requireSeller(tx: Tx, staffId: string): Promise<{ id: string; name: string }> {
  return checkSeller(await findUserForCounter(tx, staffId), staffId);
}

/** requireSeller's rule, for a user read already (a pushed batch reads its staff at once). */
export function checkSeller(
  user: { id: string; name: string; role: string; status: string } | undefined,
  staffId: string,
): { id: string; name: string } {
  if (!user || (user.role !== 'staff' && user.role !== 'admin'))
    throw new NotFound(`Unknown staff member ${staffId}`);
  if (user.status !== 'active') throw new NotFound(`Staff member ${user.name} is not active`);
  return { id: user.id, name: user.name };
}

/**
 * A shift the item names, opened on this counter. A closed shift still takes its late items: a sale made before the
 * close that arrives after it is never dropped.
 */
export async function requireShift(ctx: ApplyContext, shiftId: string): Promise<PosShiftTable> {
  return checkShift(await findShift(ctx.tx, shiftId), shiftId, ctx.counter.id);
}

/** requireShift's rule, for a shift read already. */
export function checkShift(
  shift: PosShiftTable | undefined,
  shiftId: string,
  counterId: string,
): PosShiftTable {
  if (!shift) throw new NotFound(`Unknown shift ${shiftId}: its opening has not arrived`);
  if (shift.device_id !== counterId) throw new NotFound(`Shift ${shiftId} belongs to another counter`);
  return shift;
}

/** The staff member at the counter, as audit rows record them (no client address: the device made the change). */
export function staffActor(staffId: string): Actor {
  return { userId: staffId, ip: null };
}
