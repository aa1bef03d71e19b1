import type { PushItem } from '@shop/shared';
import { Conflict } from '../../http/errors';
import { recordAudit } from '../audit/audit';
import { requireSeller, requireShift, staffActor, type ApplyContext, type Applied } from './counter-context';
import { closeShiftRow, findShift, insertCashMovement, insertShift } from './shift-repo';

/**
 * A counter's cash drawer: opened with a float in dollars and riel, paid into and out of with a reason, closed with
 * the cash counted. Shifts are opened offline and arrive in the same queue as their sales, opening first.
 */
type ShiftOpenItem = Extract<PushItem, { type: 'shift_open' }>;
type ShiftCloseItem = Extract<PushItem, { type: 'shift_close' }>;
type CashMovementItem = Extract<PushItem, { type: 'cash_movement' }>;

export async function openShift(ctx: ApplyContext, item: ShiftOpenItem): Promise<Applied> {
  await requireSeller(ctx.tx, item.staffId);
  if (await findShift(ctx.tx, item.shiftId)) throw new Conflict(`Shift ${item.shiftId} was opened already`);
  await insertShift(ctx.tx, {
    id: item.shiftId,
    device_id: ctx.counter.id,
    opened_by: item.staffId,
    opened_at: item.at,
    float_usd_cents: item.floatUsdCents,
    float_khr: item.floatKhr,
    closed_by: null,
    closed_at: null,
    counted_usd_cents: null,
    counted_khr: null,
  });
  await recordAudit(
    ctx.tx,
    staffActor(item.staffId),
    {
      action: 'pos.shift_open',
      entity: 'pos_shift',
      entityId: item.shiftId,
      after: { deviceId: ctx.counter.id, floatUsdCents: item.floatUsdCents, floatKhr: item.floatKhr },
    },
    ctx.now,
  );
  return {};
}

export async function closeShift(ctx: ApplyContext, item: ShiftCloseItem): Promise<Applied> {
  await requireSeller(ctx.tx, item.staffId);
  await requireShift(ctx, item.shiftId);
  const closed = await closeShiftRow(ctx.tx, item.shiftId, {
    closed_by: item.staffId,
    closed_at: item.at,
    counted_usd_cents: item.countedUsdCents,
    counted_khr: item.countedKhr,
  });
  if (!closed) throw new Conflict(`Shift ${item.shiftId} was closed already`);
  await recordAudit(
    ctx.tx,
    staffActor(item.staffId),
    {
      action: 'pos.shift_close',
      entity: 'pos_shift',
      entityId: item.shiftId,
      after: { countedUsdCents: item.countedUsdCents, countedKhr: item.countedKhr },
    },
    ctx.now,
  );
  return {};
}

export async function moveCash(ctx: ApplyContext, item: CashMovementItem): Promise<Applied> {
  await requireSeller(ctx.tx, item.staffId);
  await requireShift(ctx, item.shiftId);
  await insertCashMovement(ctx.tx, {
    id: item.id,
    shift_id: item.shiftId,
    staff_id: item.staffId,
    kind: item.kind,
    currency: item.currency,
    amount_minor: item.amount,
    reason: item.reason,
    at: item.at,
  });
  await recordAudit(
    ctx.tx,
    staffActor(item.staffId),
    {
      action: `pos.${item.kind}`,
      entity: 'pos_shift',
      entityId: item.shiftId,
      after: { currency: item.currency, amount: item.amount, reason: item.reason },
    },
    ctx.now,
  );
  return {};
}
