import type { ShiftReport } from '@shop/shared';
import type { Db } from '../../db/database';
import { NotFound } from '../../http/errors';
import {
  cashMovementTotals,
  cashRefundTotals,
  cashSalesTotals,
  crossCurrencyChangeTotals,
  findShiftWithNames,
  shiftSalesCount,
} from './shift-repo';

type Cash = ShiftReport['float'];

/**
 * The X report of an open shift and the Z report of a closed one, from what its counter pushed: the drawer should
 * hold its float plus the cash its sales kept and pay-ins, less pay-outs and cash refunds. Late sales of a closed
 * shift count in it, so a Z report read after they arrived shows them.
 */
export async function shiftReport(db: Db, shiftId: string): Promise<ShiftReport> {
  const shift = await findShiftWithNames(db, shiftId);
  if (!shift) throw new NotFound('There is no shift with this id');
  const [movements, sales, crossChange, refunds, count] = await Promise.all([
    cashMovementTotals(db, shiftId),
    cashSalesTotals(db, shiftId),
    crossCurrencyChangeTotals(db, shiftId),
    cashRefundTotals(db, shiftId),
    shiftSalesCount(db, shiftId),
  ]);
  const float = { usdCents: Number(shift.float_usd_cents), khr: Number(shift.float_khr) };
  const cashSales = perCurrency([
    ...sales,
    ...crossChange.flatMap((c) => [
      { currency: c.currency, total: Number(c.extra ?? 0) },
      { currency: c.change_currency!, total: -Number(c.change ?? 0) },
    ]),
  ]);
  const payIns = perCurrency(movements.filter((m) => m.kind === 'pay_in'));
  const payOuts = perCurrency(movements.filter((m) => m.kind === 'pay_out'));
  const cashRefunds = perCurrency(refunds);
  const expected = {
    usdCents: float.usdCents + cashSales.usdCents + payIns.usdCents - payOuts.usdCents - cashRefunds.usdCents,
    khr: float.khr + cashSales.khr + payIns.khr - payOuts.khr - cashRefunds.khr,
  };
  const closed = shift.closed_at !== null;
  const counted = closed
    ? { usdCents: Number(shift.counted_usd_cents ?? 0), khr: Number(shift.counted_khr ?? 0) }
    : null;
  return {
    id: shift.id,
    deviceId: shift.device_id,
    deviceName: shift.device_name,
    openedBy: { id: shift.opened_by, name: shift.opener_name },
    openedAt: Number(shift.opened_at),
    closedBy: shift.closed_by === null ? null : { id: shift.closed_by, name: shift.closer_name ?? '' },
    closedAt: closed ? Number(shift.closed_at) : null,
    sales: { count: Number(count.n), totalCents: Number(count.total ?? 0) },
    float,
    cashSales,
    payIns,
    payOuts,
    cashRefunds,
    expected,
    counted,
    difference: counted && {
      usdCents: counted.usdCents - expected.usdCents,
      khr: counted.khr - expected.khr,
    },
  };
}

function perCurrency(rows: { currency: string; total: number | string | null }[]): Cash {
  const sum = (currency: string) =>
    rows.filter((r) => r.currency === currency).reduce((n, r) => n + Number(r.total ?? 0), 0);
  return { usdCents: sum('USD'), khr: sum('KHR') };
}
