import type { PosShiftTable } from '../../db/schema';
import { insertAuditRows } from '../audit/repo';
import { sellManyFromShelf } from '../inventory/ledger';
import { numberOrders } from '../orders/placement';
import { insertEvents, insertOrderItems, insertOrders } from '../orders/repo';
import { insertPayments } from '../payments/repo';
import { loadCounterRules } from '../promotions/counter';
import { getPricing } from '../settings/pricing';
import { checkSeller, checkShift, oncePerBatch, type ApplyContext, type Applied } from './counter-context';
import { findProductsForSale, findUsersForCounter, insertShortfalls } from './counter-repo';
import {
  checkSale,
  draftSale,
  isOnlineKhqr,
  saleOutcome,
  type SaleDraft,
  type SaleFacts,
  type SaleItem,
} from './sale';
import { findShifts } from './shift-repo';

/**
 * A run of a pushed batch's sales applied together: what applySale does for one sale, in a fixed number of
 * statements for the whole run instead of a dozen per sale (the round trips are what made 10,000 queued sales take
 * minutes on MySQL: docs/decisions/0005-counter-push.md). Everything the sales name is read in one query per kind,
 * each sale is checked and drafted in memory, the order numbers are taken at once, the shelf gives in the sales'
 * order (sellManyFromShelf), then each table gets one insert.
 *
 * Only sales without serial numbers run this way (a serial is checked against the stock of serials one by one). A
 * sale that fails its check is left out and answered by the caller one at a time (it parks): a sale changes nothing
 * another sale of the run depends on, so leaving one out does not change what the others do.
 */
export interface RunSale {
  item: SaleItem;
  /** Its place in the pushed batch. */
  index: number;
}

export interface RunAnswer {
  applied: { sale: RunSale; answer: Applied }[];
  /** Sales whose check failed, in their order: for the one-at-a-time path, which parks them with the reason. */
  leftOut: RunSale[];
}

/**
 * A sale that can join a run: no serial numbers to check one by one, and no online KHQR to tie to its order (each
 * is one conditional update that may lose to another sale: applySale handles it).
 */
export function runsTogether(item: SaleItem): boolean {
  return (
    item.lines.every((line) => !line.serials?.length) &&
    !item.payments.some(isOnlineKhqr) &&
    // A coupon's use and named discounts are written one sale at a time (promotions/counter.ts).
    !item.couponCode &&
    !item.discounts?.length
  );
}

export async function applySaleRun(ctx: ApplyContext, sales: readonly RunSale[]): Promise<RunAnswer> {
  const { tx } = ctx;
  const facts = await readRunFacts(ctx, sales);
  const checked: RunSale[] = [];
  const leftOut: RunSale[] = [];
  for (const sale of sales) {
    try {
      checkRunSale(ctx, sale.item, facts);
      checked.push(sale);
    } catch {
      leftOut.push(sale);
    }
  }
  if (checked.length === 0) return { applied: [], leftOut };

  const numbers = await numberOrders(tx, 'pos', checked.length);
  const drafts: SaleDraft[] = checked.map((sale, i) =>
    draftSale(sale.item, factsOf(sale.item, facts), numbers[i]!, ctx),
  );
  const shelves = await sellManyFromShelf(
    tx,
    drafts.map((d) => d.shelf),
    ctx.now,
  );
  const outcomes = drafts.map((draft, i) => saleOutcome(checked[i]!.item, draft.order, shelves[i]!, ctx));

  await insertOrders(
    tx,
    drafts.map((d) => d.order),
  );
  await insertOrderItems(
    tx,
    drafts.flatMap((d) => d.lines),
  );
  await insertEvents(
    tx,
    drafts.map((d) => d.event),
  );
  await insertPayments(
    tx,
    drafts.flatMap((d) => d.payments),
  );
  await insertShortfalls(
    tx,
    outcomes.flatMap((o) => o.shortfallRows),
  );
  await insertAuditRows(
    tx,
    outcomes.map((o) => o.audit),
  );
  for (const outcome of outcomes)
    for (const productId of outcome.moved) ctx.batch?.stockChanged.add(productId);
  return { applied: checked.map((sale, i) => ({ sale, answer: outcomes[i]!.applied })), leftOut };
}

interface RunFacts {
  staff: Map<string, Awaited<ReturnType<typeof findUsersForCounter>>[number]>;
  customers: Map<string, Awaited<ReturnType<typeof findUsersForCounter>>[number]>;
  shifts: Map<string, PosShiftTable>;
  products: SaleFacts['products'];
  rielPerUsd: number;
  rules: SaleFacts['rules'];
}

/** One query per kind of thing the run's sales name. */
async function readRunFacts(ctx: ApplyContext, sales: readonly RunSale[]): Promise<RunFacts> {
  const { tx } = ctx;
  const items = sales.map((s) => s.item);
  const ids = (pick: (item: SaleItem) => (string | undefined)[]) => [
    ...new Set(items.flatMap(pick).filter((id): id is string => id !== undefined)),
  ];
  const people = await findUsersForCounter(
    tx,
    ids((i) => [i.staffId, i.customerId]),
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  const { rielPerUsd } = await oncePerBatch(ctx, 'pricing', () => getPricing(tx));
  const rules = await oncePerBatch(ctx, 'promotions', () => loadCounterRules(tx));
  return {
    rules,
    staff: byId,
    customers: byId,
    shifts: new Map(
      (
        await findShifts(
          tx,
          ids((i) => [i.shiftId]),
        )
      ).map((s) => [s.id, s]),
    ),
    products: new Map(
      (
        await findProductsForSale(
          tx,
          ids((i) => i.lines.map((l) => l.productId)),
        )
      ).map((p) => [p.id, p]),
    ),
    rielPerUsd,
  };
}

/** applySale's checks, against the run's facts; also whether a product wants serial numbers the sale lacks. */
function checkRunSale(ctx: ApplyContext, item: SaleItem, facts: RunFacts): void {
  checkSeller(facts.staff.get(item.staffId), item.staffId);
  if (item.shiftId) checkShift(facts.shifts.get(item.shiftId), item.shiftId, ctx.counter.id);
  checkSale(item, factsOf(item, facts));
  // Serialized products sold without serials: applySale says what is missing.
  if (item.lines.some((l) => Number(facts.products.get(l.productId)!.serialized) === 1))
    throw new Error('serial numbers are checked one sale at a time');
}

function factsOf(item: SaleItem, facts: RunFacts): SaleFacts {
  return {
    customer: item.customerId ? facts.customers.get(item.customerId) : undefined,
    products: facts.products,
    rielPerUsd: facts.rielPerUsd,
    rules: facts.rules,
    coupon: null,
  };
}
