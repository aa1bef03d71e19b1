import {
  canMoveClaim,
  usdCentsToKhr,
  type ClaimPaymentInput,
  type ClaimPaymentResult,
  claimWorkStatuses,
  type Claim,
  type ClaimList,
  type ClaimStatus,
  type MoveClaimInput,
  type OrderStatus,
  type OpenClaimInput,
  type SerialHistory,
  type StaffClaim,
  type WarrantyLookup,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { OrderTable } from '../../db/schema';
import { newId } from '../../db/ids';
import { pageAnswer, type PageRequest } from '../../db/paging';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { applyMovement } from '../inventory/ledger';
import { numberOrder } from '../orders/placement';
import { addEvent, findOrderRow, insertOrder, insertOrderItems } from '../orders/repo';
import { recordCashPayment } from '../payments/cash';
import { latestKhqrPayment, type KhqrPayment } from '../payments/repo';
import { issuePayment, type PaymentPolicy } from '../payments/service';
import { getPricing } from '../settings/pricing';
import type { ClaimMailer } from './mail';
import { owesPayment, toClaim, toClaimSummary, toStaffClaim } from './present';
import {
  claimEvents,
  claimPhotos,
  claimsOfUnits,
  findClaim,
  findUserContact,
  insertClaim,
  insertClaimEvent,
  moveUnit,
  nextClaimNumber,
  openClaimOf,
  pageOfCustomerClaims,
  pageOfQueue,
  setRepairOrder,
  unitInStock,
  unitsBySerial,
  updateClaimFrom,
  type ClaimRow,
  type UnitRow,
} from './repo';

/**
 * Warranty lookup and repair claims (issue 18; docs/decisions/0021-warranty-claims.md). A claim follows the state
 * table in shared/claims.ts; every move is conditional on the state read, audited and mailed to the customer in
 * its transaction. A replaced unit's replacement leaves stock through the ledger and keeps the original sale's date
 * and warranty end: the warranty continues, it does not start again.
 */
export interface ClaimDeps {
  db: Db;
  mailer: ClaimMailer;
}

/** Lookups by serial from one network: enough for a shop's counter of customers, not for walking serial ranges. */
export const warrantyLookupsPerIp = (ip: string): Limit => ({
  bucket: `warranty:ip:${ip}`,
  max: 60,
  windowMs: 10 * 60_000,
});

const isStaff = (user: SignedInUser | null) => user !== null && user.role !== 'customer';

/** The unit a serial names for a lookup or a claim: the one sold last (a serial is unique per product only). */
function soldUnit(units: UnitRow[]): UnitRow | undefined {
  return units.find((u) => u.sold_at !== null && u.status !== 'in_stock');
}

export async function lookupWarranty(
  db: Db,
  serial: string,
  user: SignedInUser | null,
  ip: string | null,
  now = Date.now(),
): Promise<WarrantyLookup> {
  if (!isStaff(user)) await enforceLimits(db, [warrantyLookupsPerIp(ip ?? 'unknown')]);
  const unit = soldUnit(await unitsBySerial(db, serial));
  const unknown: WarrantyLookup = {
    serial,
    state: 'unknown',
    product: null,
    soldAt: null,
    warrantyUntil: null,
    replacedBy: null,
    replaces: null,
    order: null,
  };
  if (!unit) return unknown;
  const links = replacementLinks(unit, await claimsOfUnits(db, [unit.id]));
  const warrantyUntil = unit.warranty_until === null ? null : Number(unit.warranty_until);
  const state = links.replacedBy
    ? 'replaced'
    : warrantyUntil !== null && warrantyUntil >= now
      ? 'in_warranty'
      : 'expired';
  const seesOrder = isStaff(user) || (user !== null && unit.order_user_id === user.id);
  return {
    serial,
    state,
    product: { id: unit.product_id, name: unit.product_name, slug: unit.product_slug },
    soldAt: Number(unit.sold_at),
    warrantyUntil,
    ...links,
    order: seesOrder && unit.order_id ? { id: unit.order_id, number: unit.order_number! } : null,
  };
}

/** Which serial replaced this unit, and which it replaced, from the claims about it. */
function replacementLinks(unit: UnitRow, claims: ClaimRow[]) {
  const out = claims.find((c) => c.serial_id === unit.id && c.replacement_serial_id !== null);
  const into = claims.find((c) => c.replacement_serial_id === unit.id);
  return { replacedBy: out?.replacement_serial ?? null, replaces: into?.serial ?? null };
}

export async function serialHistory(db: Db, serial: string): Promise<SerialHistory> {
  const units = await unitsBySerial(db, serial);
  const claims = await claimsOfUnits(
    db,
    units.map((u) => u.id),
  );
  return {
    serial,
    units: units.map((unit) => ({
      product: { id: unit.product_id, name: unit.product_name },
      status: unit.status,
      sale: unit.order_id
        ? {
            orderId: unit.order_id,
            orderNumber: unit.order_number!,
            customerName: unit.order_customer_name!,
            soldAt: unit.sold_at === null ? null : Number(unit.sold_at),
          }
        : null,
      warrantyUntil: unit.warranty_until === null ? null : Number(unit.warranty_until),
      ...replacementLinks(unit, claims),
      claims: claims.filter((c) => c.serial_id === unit.id).map(toClaimSummary),
    })),
  };
}

export async function openClaim(
  { db, mailer }: ClaimDeps,
  input: OpenClaimInput,
  actor: Actor,
  now = Date.now(),
): Promise<StaffClaim> {
  const unit = soldUnit(await unitsBySerial(db, input.serial));
  if (!unit) throw new NotFound('No unit with this serial number was sold');
  const account = unit.order_user_id ? await findUserContact(db, unit.order_user_id) : undefined;
  const name = input.customerName ?? unit.order_customer_name ?? account?.name;
  if (!name) throw new Invalid('Some fields are not valid', { customerName: 'enter the customer’s name' });
  const id = newId();
  await inTransaction(db, async (tx) => {
    const open = await openClaimOf(tx, unit.id);
    if (open) throw new Conflict(`This unit is already in claim ${open.number}`, { serial: open.number });
    // A unit already replaced (the faulty one is with the supplier) cannot be claimed again: its replacement can.
    if (unit.status !== 'sold')
      throw new Conflict('This unit is no longer with its customer', { serial: unit.status });
    const warrantyUntil = unit.warranty_until === null ? null : Number(unit.warranty_until);
    await insertClaim(tx, {
      id,
      number: await nextClaimNumber(tx),
      serial_id: unit.id,
      serial: unit.serial,
      product_id: unit.product_id,
      order_id: unit.order_id,
      user_id: unit.order_user_id,
      customer_name: name,
      customer_phone: input.customerPhone ?? unit.order_customer_phone ?? null,
      customer_email: input.customerEmail ?? unit.order_customer_email ?? account?.email ?? null,
      locale: input.locale ?? unit.order_locale ?? account?.locale ?? 'en',
      fault: input.fault,
      accessories: input.accessories ?? '',
      in_warranty: warrantyUntil !== null && warrantyUntil >= now ? 1 : 0,
      warranty_until: warrantyUntil,
      status: 'received',
      quote_cents: null,
      quote_accepted_at: null,
      quote_accepted_by: null,
      refusal_reason: null,
      replacement_serial_id: null,
      replacement_serial: null,
      opened_by: actor.userId,
      status_since: now,
      created_at: now,
      updated_at: now,
    });
    await insertClaimEvent(tx, event(id, null, 'received', null, actor, now));
    await recordAudit(
      tx,
      actor,
      { action: 'claim.open', entity: 'warranty_claim', entityId: id, after: input },
      now,
    );
    await mailCustomer(tx, mailer, id);
  });
  return staffClaim(db, id);
}

export async function staffClaim(db: Db | Tx, id: string): Promise<StaffClaim> {
  const row = await findClaim(db, id);
  if (!row) throw new NotFound('There is no claim with this id');
  const { rielPerUsd } = await getPricing(db);
  return toStaffClaim(row, await claimEvents(db, id), await claimPhotos(db, id), rielPerUsd);
}

export async function listClaims(
  db: Db,
  query: PageRequest & { status?: ClaimStatus | undefined },
): Promise<ClaimList> {
  return pageAnswer(await pageOfQueue(db, query.status, query), toClaimSummary, query);
}

export async function listCustomerClaims(db: Db, user: SignedInUser, query: PageRequest): Promise<ClaimList> {
  return pageAnswer(await pageOfCustomerClaims(db, user.id, query), toClaimSummary, query);
}

/** One of the customer's claims; anyone else's is "not found", as an id reveals nothing. */
export async function customerClaim(db: Db | Tx, id: string, user: SignedInUser): Promise<Claim> {
  const row = await findClaim(db, id);
  if (!row || row.user_id !== user.id) throw new NotFound('There is no claim with this id');
  return toClaim(row, await claimEvents(db, id), await claimPhotos(db, id));
}

export async function moveClaim(
  { db, mailer }: ClaimDeps,
  id: string,
  input: MoveClaimInput,
  actor: Actor,
  now = Date.now(),
): Promise<StaffClaim> {
  if (input.to === 'refused' && !input.reason)
    throw new Invalid('Some fields are not valid', { reason: 'say why the claim is refused' });
  if (input.to === 'replaced' && !input.replacementSerial)
    throw new Invalid('Some fields are not valid', { replacementSerial: 'scan the serial of the new unit' });
  await inTransaction(db, async (tx) => {
    const claim = await findClaim(tx, id);
    if (!claim) throw new NotFound('There is no claim with this id');
    const from = claim.status as ClaimStatus;
    if (!canMoveClaim(from, input.to))
      throw new Conflict(`A claim that is ${from} cannot become ${input.to}`, { to: input.to });
    if (
      claimWorkStatuses.includes(input.to) &&
      Number(claim.in_warranty) !== 1 &&
      claim.quote_accepted_at === null
    )
      throw new Conflict('Out of warranty: the customer accepts the quoted price before work goes on', {
        quote: claim.quote_cents === null ? 'not quoted yet' : 'not accepted yet',
      });
    // An accepted quote is paid at pickup: the unit does not go back while its price is owed.
    if (input.to === 'returned' && owesPayment(claim))
      throw new Conflict(
        `The repair's accepted price (${formatCents(Number(claim.quote_cents))}) is not paid yet: take the payment before returning the unit`,
        { payment: 'not paid yet' },
      );
    const changes: Parameters<typeof updateClaimFrom>[3] = {
      status: input.to,
      status_since: now,
      updated_at: now,
    };
    if (input.to === 'refused') changes.refusal_reason = input.reason!;
    const replacement =
      input.to === 'replaced' ? await unitForReplacement(tx, claim, input.replacementSerial!) : null;
    if (replacement)
      Object.assign(changes, {
        replacement_serial_id: replacement.id,
        replacement_serial: replacement.serial,
      });
    if (!(await updateClaimFrom(tx, id, from, changes)))
      throw new Conflict('Someone else moved this claim just now; reload it', { to: input.to });
    await insertClaimEvent(tx, event(id, from, input.to, input.note ?? input.reason ?? null, actor, now));
    await recordAudit(
      tx,
      actor,
      {
        action: 'claim.move',
        entity: 'warranty_claim',
        entityId: id,
        before: { status: from },
        after: changes,
      },
      now,
    );
    await mailCustomer(tx, mailer, id);
    // Last: the stock ledger writes the change feed, whose counter row stays locked until commit.
    if (replacement) await replaceUnit(tx, claim, replacement, actor, now);
  });
  return staffClaim(db, id);
}

async function unitForReplacement(tx: Tx, claim: ClaimRow, serial: string) {
  const replacement = await unitInStock(tx, claim.product_id, serial);
  if (!replacement)
    throw new Conflict('This serial number is not in stock for this product', { replacementSerial: serial });
  return replacement;
}

/**
 * The customer gets another unit of the same product: it leaves stock (a ledger movement, referenced by the claim
 * number) and becomes sold with the original sale (same order, same sale date, same warranty end). The faulty unit
 * goes back to the supplier: it was no longer in stock since its sale, so no counter moves; its serial becomes
 * `rma` (with the supplier), and the claim links the two serials.
 */
async function replaceUnit(
  tx: Tx,
  claim: ClaimRow,
  replacement: { id: string; serial: string },
  actor: Actor,
  now: number,
): Promise<void> {
  const original = (await unitsBySerial(tx, claim.serial)).find((u) => u.id === claim.serial_id)!;
  if (!(await moveUnit(tx, claim.serial_id, 'sold', { status: 'rma', updated_at: now })))
    throw new Conflict('The faulty unit is no longer with its customer', { serial: claim.serial });
  const moved = await moveUnit(tx, replacement.id, 'in_stock', {
    status: 'sold',
    reference: original.reference ?? claim.number,
    sold_at: original.sold_at === null ? now : Number(original.sold_at),
    warranty_until: original.warranty_until === null ? null : Number(original.warranty_until),
    updated_at: now,
  });
  if (!moved) throw new Conflict('This unit was just sold', { replacementSerial: replacement.serial });
  await applyMovement(
    tx,
    {
      productId: claim.product_id,
      type: 'adjust',
      onHandDelta: -1,
      reservedDelta: 0,
      reason: `warranty replacement of ${claim.serial} by ${replacement.serial}`,
      reference: claim.number,
      actorId: actor.userId,
    },
    now,
  );
}

const formatCents = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * Staff take an out-of-warranty repair's accepted quote at pickup (decision 0021): the quote becomes an order of its
 * own (channel pos, one line "Repair RMA-…: product" of the claimed product, quantity 1, no stock movement) on the
 * claim's customer account, paid through the payments service:
 * - cash (USD or KHR, change in the same currency): recorded as paid and handed over, like a counter sale;
 * - KHQR: the order waits for its QR (`pending_payment`, no stock held) and the payment job moves it to `paid`;
 *   asked again while that QR is payable, the same QR comes back; once it expired, a new order and QR replace it.
 * The claim names the order (conditionally: two staff cannot both take the money).
 */
export async function payRepair(
  db: Db,
  policy: PaymentPolicy,
  id: string,
  input: ClaimPaymentInput,
  actor: Actor,
  now = Date.now(),
): Promise<ClaimPaymentResult> {
  const paid = await inTransaction(db, async (tx): Promise<ClaimPaymentResult['payment']> => {
    const claim = await findClaim(tx, id);
    if (!claim) throw new NotFound('There is no claim with this id');
    if (claim.repair_paid_at !== null) throw new Conflict('This repair is paid already', { payment: 'paid' });
    if (!owesPayment(claim))
      throw new Conflict(
        Number(claim.in_warranty) === 1
          ? 'In warranty: the repair costs the customer nothing'
          : claim.quote_accepted_at === null
            ? 'There is no accepted quote to pay'
            : 'The repair is paid at pickup, once the unit is repaired or replaced',
        { payment: 'nothing owed now' },
      );
    // A KHQR already waiting: shown again (KHQR), or its order must end before cash is taken.
    const waiting = claim.repair_order_id ? await findOrderRow(tx, claim.repair_order_id) : undefined;
    if (waiting?.status === 'pending_payment') {
      const qr = await latestKhqrPayment(tx, waiting.id);
      if (input.method === 'khqr' && qr && qr.status === 'pending' && Number(qr.expires_at) > now)
        return khqrAnswer(waiting, qr);
      if (input.method === 'cash')
        throw new Conflict('A KHQR for this repair is waiting to be paid: let it expire before taking cash', {
          payment: 'KHQR waiting',
        });
    }
    const priceCents = Number(claim.quote_cents);
    const { rielPerUsd } = await getPricing(tx);
    const cash = input.method === 'cash';
    const order: OrderTable = {
      id: newId(),
      number: await numberOrder(tx, 'pos'),
      channel: 'pos',
      status: cash ? 'picked_up' : 'pending_payment',
      user_id: claim.user_id,
      customer_name: claim.customer_name,
      customer_email: claim.customer_email,
      customer_phone: claim.customer_phone,
      fulfilment: 'pickup',
      delivery_address_json: null,
      note: `Repair of ${claim.serial}, claim ${claim.number}`,
      currency: input.currency,
      subtotal_cents: priceCents,
      delivery_fee_cents: 0,
      total_cents: priceCents,
      riel_per_usd: rielPerUsd,
      total_khr: usdCentsToKhr(priceCents, rielPerUsd),
      locale: claim.locale,
      payment_due_at: null,
      paid_at: cash ? now : null,
      refund_owed_cents: 0,
      discount_cents: 0,
      staff_id: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await insertOrder(tx, order);
    await insertOrderItems(tx, [
      {
        id: newId(),
        order_id: order.id,
        product_id: claim.product_id,
        sku: claim.product_sku,
        name: `Repair ${claim.number}: ${claim.product_name}`,
        quantity: 1,
        unit_price_cents: priceCents,
        line_total_cents: priceCents,
        warranty_months: 0,
        cancelled_quantity: 0,
        cancel_reason: null,
      },
    ]);
    await addEvent(
      tx,
      order.id,
      null,
      order.status as OrderStatus,
      'staff',
      actor.userId,
      `repair ${claim.number} ${cash ? 'paid in cash' : 'waits for its KHQR'} at pickup`,
      now,
    );
    if (!(await setRepairOrder(tx, id, claim.repair_order_id ?? null, order.id, now)))
      throw new Conflict('This repair was paid just now', { payment: 'paid' });
    await recordAudit(
      tx,
      actor,
      {
        action: 'claim.repair-payment',
        entity: 'warranty_claim',
        entityId: id,
        after: {
          orderId: order.id,
          orderNumber: order.number,
          method: input.method,
          currency: input.currency,
        },
      },
      now,
    );
    if (input.method === 'khqr') return khqrAnswer(order, await issuePayment(tx, order, policy, now));
    const taken = await recordCashPayment(
      tx,
      { orderId: order.id, currency: input.currency, tendered: input.tendered, receivedBy: actor.userId },
      now,
    );
    return {
      orderId: order.id,
      orderNumber: order.number,
      method: 'cash',
      currency: input.currency,
      amount: taken.amount,
      tendered: taken.tendered,
      change: taken.change,
      khqr: null,
    };
  });
  return { claim: await staffClaim(db, id), payment: paid };
}

function khqrAnswer(order: OrderTable, qr: KhqrPayment): ClaimPaymentResult['payment'] {
  return {
    orderId: order.id,
    orderNumber: order.number,
    method: 'khqr',
    currency: qr.currency as 'USD' | 'KHR',
    amount: Number(qr.amount_minor),
    tendered: null,
    change: null,
    khqr: { qr: qr.qr, md5: qr.md5, expiresAt: Number(qr.expires_at) },
  };
}

/** Out of warranty: staff quote the repair's price while the claim is received or being diagnosed. */
export async function quoteClaim(
  { db, mailer }: ClaimDeps,
  id: string,
  priceCents: number,
  actor: Actor,
  now = Date.now(),
): Promise<StaffClaim> {
  await inTransaction(db, async (tx) => {
    const claim = await findClaim(tx, id);
    if (!claim) throw new NotFound('There is no claim with this id');
    if (Number(claim.in_warranty) === 1)
      throw new Conflict('In warranty: the repair costs the customer nothing');
    if (claim.quote_accepted_at !== null) throw new Conflict('The customer accepted a quote already');
    const from = claim.status as ClaimStatus;
    if (from !== 'received' && from !== 'diagnosing')
      throw new Conflict('Quote while the unit is received or being diagnosed');
    if (!(await updateClaimFrom(tx, id, from, { quote_cents: priceCents, updated_at: now })))
      throw new Conflict('Someone else moved this claim just now; reload it');
    await recordAudit(
      tx,
      actor,
      {
        action: 'claim.quote',
        entity: 'warranty_claim',
        entityId: id,
        before: { quoteCents: claim.quote_cents },
        after: { quoteCents: priceCents },
      },
      now,
    );
    await mailCustomer(tx, mailer, id);
  });
  return staffClaim(db, id);
}

/** The customer accepts the quote: in their account (`customer`), or staff record it (at the counter, by phone). */
export async function acceptQuote(
  db: Db,
  id: string,
  by: { customer: SignedInUser } | { staff: Actor },
  now = Date.now(),
): Promise<void> {
  const actor = 'staff' in by ? by.staff : { userId: by.customer.id, ip: null };
  await inTransaction(db, async (tx) => {
    const claim = await findClaim(tx, id);
    if (!claim || ('customer' in by && claim.user_id !== by.customer.id))
      throw new NotFound('There is no claim with this id');
    if (claim.quote_cents === null) throw new Conflict('There is no quote to accept yet');
    if (claim.quote_accepted_at !== null) throw new Conflict('The quote is accepted already');
    const from = claim.status as ClaimStatus;
    if (from !== 'received' && from !== 'diagnosing')
      throw new Conflict('This claim takes no quote any more');
    const accepted = { quote_accepted_at: now, quote_accepted_by: actor.userId, updated_at: now };
    if (!(await updateClaimFrom(tx, id, from, accepted)))
      throw new Conflict('Someone else moved this claim just now; reload it');
    await recordAudit(
      tx,
      actor,
      {
        action: 'claim.quote-accepted',
        entity: 'warranty_claim',
        entityId: id,
        after: { quoteCents: claim.quote_cents, by: 'staff' in by ? 'staff' : 'customer' },
      },
      now,
    );
  });
}

function event(
  claimId: string,
  from: ClaimStatus | null,
  to: ClaimStatus,
  note: string | null,
  actor: Actor,
  now: number,
) {
  return {
    id: newId(),
    claim_id: claimId,
    from_status: from,
    to_status: to,
    note,
    actor_id: actor.userId,
    created_at: now,
  };
}

/** The customer's mail of this step, to the address staff took or the account's; none when there is neither. */
async function mailCustomer(tx: Tx, mailer: ClaimMailer, id: string): Promise<void> {
  const claim = (await findClaim(tx, id))!;
  if (!claim.customer_email) return;
  await mailer.update(tx, claim, {
    email: claim.customer_email,
    name: claim.customer_name,
    locale: claim.locale === 'km' ? 'km' : 'en',
  });
}
