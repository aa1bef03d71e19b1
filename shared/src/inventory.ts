import { z } from 'zod';

/**
 * Stock is an append-only ledger of movements plus per-product counters. Each movement type says how it moves
 * the two counters; `available = onHand - reserved` and neither counter may go below zero or below the other.
 */
export const stockMovementTypes = ['receive', 'adjust', 'sale', 'return', 'reserve', 'release'] as const;
export type StockMovementType = (typeof stockMovementTypes)[number];

export const serialStatuses = ['in_stock', 'sold', 'returned', 'rma'] as const;
export type SerialStatus = (typeof serialStatuses)[number];

const serial = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits, dot, dash, slash and underscore');

/** What the back office may post by hand; sales, returns and reservations come from orders. */
export const stockMovementInputSchema = z
  .object({
    productId: z.string().min(1).max(40),
    type: z.enum(['receive', 'adjust']),
    quantity: z.number().int().min(-100_000).max(100_000),
    reason: z.string().trim().max(500).optional(),
    serials: z.array(serial).max(1000).optional(),
    /** Receipts only: who delivered the goods. */
    supplier: z.string().trim().min(1).max(120).optional(),
    /** Receipts only: the supplier's invoice or delivery note number. */
    reference: z.string().trim().min(1).max(80).optional(),
    /**
     * Receipts only, admins only (`stock.cost`): what one unit cost the shop, in USD cents. It becomes the product's
     * cost price (the last cost, in the same transaction); staff sending it are refused with 403.
     */
    unitCostCents: z.number().int().min(0).max(100_000_000).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.type !== 'receive')
      for (const field of ['supplier', 'reference', 'unitCostCents'] as const)
        if (m[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'only a receipt names a supplier and cost',
          });
    if (m.quantity === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'must not be zero' });
    if (m.type === 'receive' && m.quantity < 0)
      ctx.addIssue({
        code: 'custom',
        path: ['quantity'],
        message: 'a receipt adds stock: use a positive quantity',
      });
    if (m.type === 'adjust' && !m.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the stock is adjusted' });
    if (m.serials && m.serials.length !== Math.abs(m.quantity))
      ctx.addIssue({ code: 'custom', path: ['serials'], message: 'give one serial number per unit' });
    if (m.serials && new Set(m.serials).size !== m.serials.length)
      ctx.addIssue({ code: 'custom', path: ['serials'], message: 'serial numbers must be different' });
  })
  .meta({ id: 'StockMovementInput' });
export type StockMovementInput = z.infer<typeof stockMovementInputSchema>;

export const stockMovementSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    type: z.enum(stockMovementTypes),
    onHandDelta: z.number().int(),
    reservedDelta: z.number().int(),
    onHandAfter: z.number().int(),
    reservedAfter: z.number().int(),
    reason: z.string().nullable(),
    /** What caused it: an order's number, or for a receipt the supplier's invoice or delivery note number. */
    reference: z.string().nullable(),
    /** Receipts: who delivered the goods; null otherwise or when not given. */
    supplier: z.string().nullable().optional(),
    /** Receipts: what one unit cost (USD cents). Answered only to those who see costs (`stock.cost`). */
    unitCostCents: z.number().int().nullable().optional(),
    actorId: z.string().nullable(),
    createdAt: z.number().int(),
    /** Who moved it (the stock history); absent where a movement is answered on its own. */
    actorName: z.string().nullable().optional(),
    /** The order the movement belongs to (its number is the reference), with the counter's receipt number. */
    order: z
      .object({
        id: z.string(),
        number: z.string(),
        channel: z.string(),
        receiptNumber: z.string().nullable(),
      })
      .nullable()
      .optional(),
  })
  .meta({ id: 'StockMovement' });
export type StockMovement = z.infer<typeof stockMovementSchema>;

export const stockLevelSchema = z
  .object({
    productId: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    lowStockThreshold: z.number().int(),
    /** The newest movements first, one page of them (`page`, `pageSize`) out of `movementsTotal`. */
    movements: z.array(stockMovementSchema),
    movementsTotal: z.number().int().optional(),
    page: z.number().int().optional(),
    pageSize: z.number().int().optional(),
    serials: z.array(z.object({ serial: z.string(), status: z.enum(serialStatuses) })),
  })
  .meta({ id: 'StockLevel' });
export type StockLevel = z.infer<typeof stockLevelSchema>;
