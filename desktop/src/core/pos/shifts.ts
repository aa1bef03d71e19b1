import type { Currency } from '@shop/shared';
import { ulid } from 'ulidx';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import type { Outbox } from '../sync/outbox';
import { refuse } from '../refusals';

export interface Shift {
  id: string;
  openedAt: number;
  openedBy: string;
  floatUsdCents: number;
  floatKhr: number;
}

/** Dollars and riel side by side: the drawer holds both. */
export interface Cash {
  usdCents: number;
  khr: number;
}

/** A pay-in or pay-out of the shift, as its report lists it. */
export interface CashMovement {
  at: number;
  kind: 'pay_in' | 'pay_out';
  currency: Currency;
  amount: number;
  reason: string;
}

/** The drawer as the counter's records say it should be: X report during the shift, Z report at its close. */
export interface DrawerReport {
  shiftId: string;
  openedAt: number;
  openedBy: string;
  /** Set once the shift is closed (the Z report). */
  closedAt?: number;
  float: Cash;
  sales: number;
  takingsCents: number;
  /** Cash the sales left in the drawer: what was tendered less the change given. */
  cashSales: Cash;
  returns: number;
  /** Cash refunded to customers who brought items back. */
  cashRefunds: Cash;
  movements: CashMovement[];
  expectedUsdCents: number;
  expectedKhr: number;
  counted?: Cash;
  /** counted − expected: negative is money missing from the drawer. */
  difference?: Cash;
}

function amount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > 1_000_000_000_000)
    throw new PosError('invalid', `${what} must be a whole number of cents or riel, 0 or more`);
}

/**
 * The cashier's shift: opened with the float in the drawer, cash paid in and out with a reason, closed with the
 * cash counted. Each step is recorded locally and queued for the server in the same transaction.
 */
export function shiftKeeper(db: LocalDb, outbox: Outbox) {
  const openShift = db.prepare(
    `SELECT id, opened_at AS openedAt, opened_by AS openedBy, float_usd_cents AS floatUsdCents, float_khr AS floatKhr
     FROM shifts WHERE closed_at IS NULL`,
  );
  const insertShift = db.prepare(
    'INSERT INTO shifts (id, opened_at, opened_by, float_usd_cents, float_khr) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMovement = db.prepare(
    'INSERT INTO cash_movements (id, shift_id, at, staff_id, kind, currency, amount, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const closeShift = db.prepare(
    `UPDATE shifts SET closed_at = ?, closed_by = ?, counted_usd_cents = ?, counted_khr = ?, expected_usd_cents = ?,
       expected_khr = ? WHERE id = ? AND closed_at IS NULL`,
  );
  const cashPayments = db.prepare(
    `SELECT p.currency, p.tendered, p.amount, p.change, p.change_currency AS changeCurrency FROM sale_payments p
     JOIN sales s ON s.id = p.sale_id WHERE s.shift_id = ? AND p.method = 'cash'`,
  );
  const salesOf = db.prepare(
    'SELECT count(*) AS sales, coalesce(sum(total_cents), 0) AS takings FROM sales WHERE shift_id = ?',
  );
  const movements = db.prepare(
    'SELECT at, kind, currency, amount, reason FROM cash_movements WHERE shift_id = ? ORDER BY at, id',
  );
  const closedShift = db.prepare(
    `SELECT id, opened_at AS openedAt, opened_by AS openedBy, float_usd_cents AS floatUsdCents, float_khr AS floatKhr,
       closed_at AS closedAt, counted_usd_cents AS countedUsdCents, counted_khr AS countedKhr,
       expected_usd_cents AS expectedUsdCents, expected_khr AS expectedKhr
     FROM shifts WHERE id = ? AND closed_at IS NOT NULL`,
  );
  const refunds = db.prepare('SELECT refunds FROM returns WHERE shift_id = ?').pluck();

  const current = () => (openShift.get() as Shift | undefined) ?? null;

  function report(shift: Shift): DrawerReport {
    const sold: Record<Currency, number> = { USD: 0, KHR: 0 };
    for (const p of cashPayments.all(shift.id) as {
      currency: Currency;
      tendered: number | null;
      amount: number;
      change: number;
      changeCurrency: Currency;
    }[]) {
      sold[p.currency] += p.tendered ?? p.amount;
      sold[p.changeCurrency] -= p.change;
    }
    const moved = movements.all(shift.id) as CashMovement[];
    const refunded: Record<Currency, number> = { USD: 0, KHR: 0 };
    const refundRows = refunds.all(shift.id) as string[];
    for (const json of refundRows)
      for (const r of JSON.parse(json) as { method: string; currency: Currency; amount: number }[])
        if (r.method === 'cash') refunded[r.currency] += r.amount;
    const drawer: Record<Currency, number> = {
      USD: shift.floatUsdCents + sold.USD - refunded.USD,
      KHR: shift.floatKhr + sold.KHR - refunded.KHR,
    };
    for (const m of moved) drawer[m.currency] += m.kind === 'pay_in' ? m.amount : -m.amount;
    const { sales, takings } = salesOf.get(shift.id) as { sales: number; takings: number };
    return {
      shiftId: shift.id,
      openedAt: shift.openedAt,
      openedBy: shift.openedBy,
      float: { usdCents: shift.floatUsdCents, khr: shift.floatKhr },
      sales,
      takingsCents: takings,
      cashSales: { usdCents: sold.USD, khr: sold.KHR },
      returns: refundRows.length,
      cashRefunds: { usdCents: refunded.USD, khr: refunded.KHR },
      movements: moved,
      expectedUsdCents: drawer.USD,
      expectedKhr: drawer.KHR,
    };
  }

  /** The Z report of a closed shift, as it was at its close (the expected sums were kept then). */
  function closedReport(shiftId: unknown): DrawerReport {
    if (typeof shiftId !== 'string' || !shiftId) throw new PosError('invalid', 'say which shift');
    const row = closedShift.get(shiftId) as
      | (Shift & {
          closedAt: number;
          countedUsdCents: number;
          countedKhr: number;
          expectedUsdCents: number;
          expectedKhr: number;
        })
      | undefined;
    if (!row) throw new PosError('not_found', 'no closed shift with that id on this counter');
    return withCount(
      {
        ...report(row),
        closedAt: row.closedAt,
        expectedUsdCents: row.expectedUsdCents,
        expectedKhr: row.expectedKhr,
      },
      { usdCents: row.countedUsdCents, khr: row.countedKhr },
    );
  }

  return {
    current,
    closedReport,
    open: db.transaction(
      (input: { staffId: string; floatUsdCents: number; floatKhr: number; now: number }) => {
        amount(input.floatUsdCents, 'the dollar float');
        amount(input.floatKhr, 'the riel float');
        if (current()) throw new PosError('conflict', 'a shift is open on this counter: close it first');
        const id = ulid(input.now);
        insertShift.run(id, input.now, input.staffId, input.floatUsdCents, input.floatKhr);
        outbox.enqueue(
          {
            id: ulid(input.now),
            type: 'shift_open',
            at: input.now,
            staffId: input.staffId,
            shiftId: id,
            floatUsdCents: input.floatUsdCents,
            floatKhr: input.floatKhr,
          },
          input.now,
        );
        return current()!;
      },
    ),
    moveCash: db.transaction(
      (input: {
        staffId: string;
        kind: 'pay_in' | 'pay_out';
        currency: Currency;
        amount: number;
        reason: string;
        now: number;
      }) => {
        const shift = current();
        if (!shift) throw refuse('conflict', 'openShiftFirst');
        amount(input.amount, 'the amount');
        if (input.amount === 0) throw new PosError('invalid', 'the amount must be more than 0');
        const reason = input.reason.trim();
        if (!reason) throw new PosError('invalid', 'say why the cash moves');
        const id = ulid(input.now);
        insertMovement.run(
          id,
          shift.id,
          input.now,
          input.staffId,
          input.kind,
          input.currency,
          input.amount,
          reason,
        );
        outbox.enqueue(
          {
            id,
            type: 'cash_movement',
            at: input.now,
            staffId: input.staffId,
            shiftId: shift.id,
            kind: input.kind,
            currency: input.currency,
            amount: input.amount,
            reason,
          },
          input.now,
        );
        return id;
      },
    ),
    xReport(): DrawerReport {
      const shift = current();
      if (!shift) throw refuse('conflict', 'noShiftOpen');
      return report(shift);
    },
    close: db.transaction(
      (input: {
        staffId: string;
        countedUsdCents: number;
        countedKhr: number;
        now: number;
      }): DrawerReport => {
        const shift = current();
        if (!shift) throw refuse('conflict', 'noShiftOpen');
        amount(input.countedUsdCents, 'the counted dollars');
        amount(input.countedKhr, 'the counted riel');
        const z = report(shift);
        closeShift.run(
          input.now,
          input.staffId,
          input.countedUsdCents,
          input.countedKhr,
          z.expectedUsdCents,
          z.expectedKhr,
          shift.id,
        );
        outbox.enqueue(
          {
            id: ulid(input.now),
            type: 'shift_close',
            at: input.now,
            staffId: input.staffId,
            shiftId: shift.id,
            countedUsdCents: input.countedUsdCents,
            countedKhr: input.countedKhr,
          },
          input.now,
        );
        return withCount(
          { ...z, closedAt: input.now },
          { usdCents: input.countedUsdCents, khr: input.countedKhr },
        );
      },
    ),
  };
}

function withCount(report: DrawerReport, counted: Cash): DrawerReport {
  return {
    ...report,
    counted,
    difference: {
      usdCents: counted.usdCents - report.expectedUsdCents,
      khr: counted.khr - report.expectedKhr,
    },
  };
}
