import {
  claimOwesPayment,
  claimTransitions,
  usdCentsToKhr,
  type Claim,
  type ClaimEvent,
  type ClaimStatus,
  type ClaimSummary,
  type StaffClaim,
} from '@shop/shared';
import type { ClaimEventRow, ClaimPhotoRow, ClaimRow } from './repo';

/** Claims as the API shows them: customers see the steps, staff also who made them and whose claim it is. */

export function toClaimSummary(row: ClaimRow): ClaimSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status as ClaimStatus,
    serial: row.serial,
    productName: row.product_name,
    customerName: row.customer_name,
    inWarranty: Number(row.in_warranty) === 1,
    quoteCents: numberOrNull(row.quote_cents),
    quoteAcceptedAt: numberOrNull(row.quote_accepted_at),
    openedAt: Number(row.created_at),
    statusSince: Number(row.status_since),
  };
}

function toEvent(row: ClaimEventRow, staff: boolean): ClaimEvent {
  return {
    from: row.from_status as ClaimStatus | null,
    to: row.to_status as ClaimStatus,
    note: row.note,
    at: Number(row.created_at),
    by: staff && row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
  };
}

export function toClaim(
  row: ClaimRow,
  events: ClaimEventRow[],
  photos: ClaimPhotoRow[],
  staff = false,
): Claim {
  const status = row.status as ClaimStatus;
  return {
    id: row.id,
    number: row.number,
    status,
    serial: row.serial,
    product: { id: row.product_id, name: row.product_name },
    fault: row.fault,
    accessories: row.accessories,
    inWarranty: Number(row.in_warranty) === 1,
    quoteCents: numberOrNull(row.quote_cents),
    quoteAcceptedAt: numberOrNull(row.quote_accepted_at),
    refusalReason: row.refusal_reason,
    replacementSerial: row.replacement_serial,
    orderNumber: row.order_number,
    repairOrder:
      row.repair_order_id && row.repair_order_number
        ? {
            id: row.repair_order_id,
            number: row.repair_order_number,
            paidAt: numberOrNull(row.repair_paid_at),
          }
        : null,
    paymentDue: owesPayment(row),
    openedAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    events: events.map((e) => toEvent(e, staff)),
    photos: photos.map((p) => ({ id: p.id, at: Number(p.created_at) })),
    nextStatuses: [...claimTransitions[status]],
  };
}

export function toStaffClaim(
  row: ClaimRow,
  events: ClaimEventRow[],
  photos: ClaimPhotoRow[],
  rielPerUsd: number,
): StaffClaim {
  const owed = owesPayment(row) ? Number(row.quote_cents) : null;
  return {
    ...toClaim(row, events, photos, true),
    customer: {
      userId: row.user_id,
      name: row.customer_name,
      phone: row.customer_phone,
      email: row.customer_email,
    },
    orderId: row.order_id,
    warrantyUntil: numberOrNull(row.warranty_until),
    openedBy: row.opened_by ? { id: row.opened_by, name: row.opened_by_name ?? '' } : null,
    amountDue: owed === null ? null : { usdCents: owed, khr: usdCentsToKhr(owed, rielPerUsd) },
  };
}

export function owesPayment(row: ClaimRow): boolean {
  return claimOwesPayment({
    inWarranty: Number(row.in_warranty) === 1,
    quoteCents: numberOrNull(row.quote_cents),
    quoteAcceptedAt: numberOrNull(row.quote_accepted_at),
    repairPaid: row.repair_paid_at !== null && row.repair_paid_at !== undefined,
    status: row.status as ClaimStatus,
  });
}

function numberOrNull(value: number | string | bigint | null): number | null {
  return value === null ? null : Number(value);
}
