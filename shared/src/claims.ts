import { z } from 'zod';
import { email, localeSchema } from './accounts';
import { lineText, multilineText, personName } from './text';

/**
 * Warranty lookup and repair claims (RMA, issue 18). A claim follows one unit, by its serial number, from the counter
 * to the supplier and back. Its states and the moves between them are one table, used by the server (which refuses
 * any other move) and by the back office (which offers only these).
 */
export const claimStatuses = [
  'received',
  'diagnosing',
  'sent_to_supplier',
  'back_from_supplier',
  'repaired',
  'replaced',
  'refused',
  'returned',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

export const claimTransitions: Record<ClaimStatus, readonly ClaimStatus[]> = {
  received: ['diagnosing', 'refused'],
  diagnosing: ['sent_to_supplier', 'repaired', 'replaced', 'refused'],
  sent_to_supplier: ['back_from_supplier'],
  back_from_supplier: ['repaired', 'replaced', 'refused'],
  repaired: ['returned'],
  replaced: ['returned'],
  refused: ['returned'],
  returned: [],
};

/** The moves that are work on the unit: an out-of-warranty claim needs its quote accepted before any of them. */
export const claimWorkStatuses: readonly ClaimStatus[] = ['sent_to_supplier', 'repaired', 'replaced'];

export function canMoveClaim(from: ClaimStatus, to: ClaimStatus): boolean {
  return claimTransitions[from].includes(to);
}

/** What a warranty lookup can say of a serial number. */
export const warrantyStates = ['in_warranty', 'expired', 'replaced', 'unknown'] as const;
export type WarrantyState = (typeof warrantyStates)[number];

export const serialText = z
  .string()
  .trim()
  .min(1, 'enter a serial number')
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'a serial number is letters, digits and signs, without spaces');

export const warrantyLookupQuerySchema = z.object({ serial: serialText });

/**
 * A serial number's warranty as anyone may see it. `order` only for the buyer (signed in) and staff: a stranger
 * typing a serial never learns who bought it. A replaced unit names its replacement; a replacement keeps the
 * original sale's date and warranty end (the warranty continues, it does not start again).
 */
export const warrantyLookupSchema = z
  .object({
    serial: z.string(),
    state: z.enum(warrantyStates),
    product: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
    soldAt: z.number().int().nullable(),
    warrantyUntil: z.number().int().nullable(),
    /** The serial of the unit that replaced this one. */
    replacedBy: z.string().nullable(),
    /** The serial of the unit this one replaced. */
    replaces: z.string().nullable(),
    order: z.object({ id: z.string(), number: z.string() }).nullable(),
  })
  .meta({ id: 'WarrantyLookup' });
export type WarrantyLookup = z.infer<typeof warrantyLookupSchema>;

export const claimEventSchema = z
  .object({
    from: z.enum(claimStatuses).nullable(),
    to: z.enum(claimStatuses),
    note: z.string().nullable(),
    at: z.number().int(),
    /** Staff see who moved it; customers see null. */
    by: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'ClaimEvent' });
export type ClaimEvent = z.infer<typeof claimEventSchema>;

/** A claim as its customer sees it. */
export const claimSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(claimStatuses),
    serial: z.string(),
    product: z.object({ id: z.string(), name: z.string() }),
    fault: z.string(),
    accessories: z.string(),
    inWarranty: z.boolean(),
    /** Out of warranty: the price of the repair (USD cents), to accept before work goes on. */
    quoteCents: z.number().int().nullable(),
    quoteAcceptedAt: z.number().int().nullable(),
    refusalReason: z.string().nullable(),
    replacementSerial: z.string().nullable(),
    orderNumber: z.string().nullable(),
    /**
     * Out of warranty: the counter order the accepted quote became when it was paid at pickup (one line "Repair
     * RMA-…: product", on the customer's account); null until paid. A quoted, accepted, unpaid repair is not returned.
     */
    repairOrder: z
      .object({ id: z.string(), number: z.string(), paidAt: z.number().int().nullable() })
      .nullable(),
    /** Whether the claim owes its accepted quote before the unit goes back (staff take payment first). */
    paymentDue: z.boolean(),
    openedAt: z.number().int(),
    updatedAt: z.number().int(),
    events: z.array(claimEventSchema),
    /** Photos of the unit as it was taken in, oldest first (the image: `GET /claims/:id/photos/:photoId`). */
    photos: z.array(z.object({ id: z.string(), at: z.number().int() })),
    /** The states it may move to next (staff). */
    nextStatuses: z.array(z.enum(claimStatuses)),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof claimSchema>;

export const staffClaimSchema = claimSchema
  .extend({
    customer: z.object({
      userId: z.string().nullable(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    orderId: z.string().nullable(),
    warrantyUntil: z.number().int().nullable(),
    openedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** While the accepted quote is owed: what to ask, in dollars and in riel at today's rate (100-riel steps). */
    amountDue: z.object({ usdCents: z.number().int(), khr: z.number().int() }).nullable(),
  })
  .meta({ id: 'StaffClaim' });
export type StaffClaim = z.infer<typeof staffClaimSchema>;

export const claimSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(claimStatuses),
    serial: z.string(),
    productName: z.string(),
    customerName: z.string(),
    inWarranty: z.boolean(),
    quoteCents: z.number().int().nullable(),
    quoteAcceptedAt: z.number().int().nullable(),
    openedAt: z.number().int(),
    /** When it entered its current state: the queue's age. */
    statusSince: z.number().int(),
  })
  .meta({ id: 'ClaimSummary' });
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

const accessoriesText = multilineText(500);

/** Staff open a claim at the counter for a serial number; the buyer of the unit is its customer unless named. */
export const openClaimInputSchema = z
  .object({
    serial: serialText,
    fault: multilineText(2000).min(1, 'describe the fault'),
    accessories: accessoriesText.optional(),
    /** Someone other than the buyer brings it in (or a counter sale without an account). */
    customerName: personName('enter the customer’s name').optional(),
    customerPhone: lineText(40).optional(),
    customerEmail: email.optional(),
    locale: localeSchema.optional(),
  })
  .meta({ id: 'OpenClaimInput' });
export type OpenClaimInput = z.infer<typeof openClaimInputSchema>;

export const moveClaimInputSchema = z
  .object({
    to: z.enum(claimStatuses),
    note: lineText(500).optional(),
    /** `refused`: why, for the customer. */
    reason: lineText(500).optional(),
    /** `replaced`: the serial of the unit (in stock, same product) the customer gets instead. */
    replacementSerial: serialText.optional(),
  })
  .meta({ id: 'MoveClaimInput' });
export type MoveClaimInput = z.infer<typeof moveClaimInputSchema>;

/**
 * Staff take an accepted quote's payment at pickup (repaired or replaced unit): cash in dollars or riel (what the
 * customer handed over, in minor units of `currency`; the change goes back in the same currency), or a KHQR of the
 * shop's account for the customer's bank app, watched by the payment job like a web order's.
 */
export const claimPaymentInputSchema = z
  .discriminatedUnion('method', [
    z.object({
      method: z.literal('cash'),
      currency: z.enum(['USD', 'KHR']),
      tendered: z.number().int().min(0).max(1_000_000_000),
    }),
    z.object({ method: z.literal('khqr'), currency: z.enum(['USD', 'KHR']) }),
  ])
  .meta({ id: 'ClaimPaymentInput' });
export type ClaimPaymentInput = z.infer<typeof claimPaymentInputSchema>;

export const claimPaymentSchema = z
  .object({
    claim: staffClaimSchema,
    payment: z.object({
      orderId: z.string(),
      orderNumber: z.string(),
      method: z.enum(['cash', 'khqr']),
      currency: z.enum(['USD', 'KHR']),
      amount: z.number().int(),
      /** Cash: what was handed over and the change given back; null for a KHQR. */
      tendered: z.number().int().nullable(),
      change: z.number().int().nullable(),
      /** KHQR: the QR to show the customer until the payment job sees it paid (the claim's `paymentDue` turns false). */
      khqr: z.object({ qr: z.string(), md5: z.string(), expiresAt: z.number().int() }).nullable(),
    }),
  })
  .meta({ id: 'ClaimPayment' });
export type ClaimPaymentResult = z.infer<typeof claimPaymentSchema>;

/** A claim that owes its accepted quote: out of warranty, priced above nothing, accepted, not yet paid. */
export function claimOwesPayment(claim: {
  inWarranty: boolean;
  quoteCents: number | null;
  quoteAcceptedAt: number | null;
  /** Its repair order is paid (a KHQR waiting to be paid is still owed). */
  repairPaid: boolean;
  status: ClaimStatus;
}): boolean {
  return (
    !claim.inWarranty &&
    claim.quoteCents !== null &&
    claim.quoteCents > 0 &&
    claim.quoteAcceptedAt !== null &&
    !claim.repairPaid &&
    (claim.status === 'repaired' || claim.status === 'replaced')
  );
}

export const claimQuoteInputSchema = z
  .object({ priceCents: z.number().int().min(0).max(100_000_00) })
  .meta({ id: 'ClaimQuoteInput' });

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export const claimListQuerySchema = z.object({ page, pageSize });
/** The staff queue: open claims (not yet returned) oldest first, or those of one state. */
export const staffClaimListQuerySchema = z.object({
  status: z.enum(claimStatuses).optional(),
  page,
  pageSize,
});
export type StaffClaimListQuery = z.input<typeof staffClaimListQuerySchema>;

export const claimListSchema = z
  .object({
    items: z.array(claimSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ClaimList' });
export type ClaimList = z.infer<typeof claimListSchema>;

/** What staff see of one serial number: each unit by that serial, its sale, its claims and its replacements. */
export const serialHistorySchema = z
  .object({
    serial: z.string(),
    units: z.array(
      z.object({
        product: z.object({ id: z.string(), name: z.string() }),
        status: z.string(),
        sale: z
          .object({
            orderId: z.string(),
            orderNumber: z.string(),
            customerName: z.string(),
            soldAt: z.number().int().nullable(),
          })
          .nullable(),
        warrantyUntil: z.number().int().nullable(),
        replacedBy: z.string().nullable(),
        replaces: z.string().nullable(),
        claims: z.array(claimSummarySchema),
      }),
    ),
  })
  .meta({ id: 'SerialHistory' });
export type SerialHistory = z.infer<typeof serialHistorySchema>;

export const serialParam = z.object({ serial: serialText });

export const claimPhotoParams = z.object({
  id: z.string().min(1).max(40),
  photoId: z.string().min(1).max(40),
});
/** Enough to see what state a unit came in. */
export const MAX_PHOTOS_PER_CLAIM = 8;
export const claimPhotoMaxBytes = 8 * 1024 * 1024;
