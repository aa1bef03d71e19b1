import { z } from 'zod';
import { provinceNames } from '../../delivery';
import { defineRoute, publicAccess } from '../route';

/** What every page of the web shop needs before it can show a price or a footer. */
export const shopInfoSchema = z
  .object({
    name: z.string(),
    nameKm: z.string(),
    /** An absolute http(s) URL, or null. */
    logoUrl: z.string().nullable(),
    /** Payments are simulated (the Bakong stand-in): nothing bought here is real. */
    demo: z.boolean(),
    /** The shop's own exchange rate, riel per US dollar: KHR prices are USD prices at this rate. */
    rielPerUsd: z.number().int(),
    /** Riel amounts are rounded to this many riel (the smallest note in daily use). */
    khrCashStep: z.number().int(),
    /** How long a payment QR can be paid, in minutes (stock stays reserved meanwhile). */
    paymentQrMinutes: z.number().int(),
    /**
     * Delivery: the standard rate (fee, free-from threshold, days), then each province's as the shop prices it
     * (`delivers` false: pick-up only there). Checkout quotes from it with the server's own function.
     */
    delivery: z.object({
      feeCents: z.number().int(),
      /** Orders from this subtotal up are delivered free; null: never free. */
      freeFromCents: z.number().int().nullable(),
      minDays: z.number().int(),
      maxDays: z.number().int(),
      rates: z.array(
        z.object({
          province: z.enum(provinceNames),
          delivers: z.boolean(),
          feeCents: z.number().int(),
          minDays: z.number().int(),
          maxDays: z.number().int(),
          freeFromCents: z.number().int().nullable(),
        }),
      ),
    }),
    contact: z.object({
      phone: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
      /** Opening hours as the shop wrote them ("Mon–Sat 8:00–18:00"), or null. */
      hours: z.string().nullable(),
    }),
  })
  .meta({ id: 'ShopInfo' });
export type ShopInfo = z.infer<typeof shopInfoSchema>;

/** Liveness, and who the shop is. */
export const systemRoutes = {
  health: defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness and which database the server runs on',
    tag: 'system',
    access: publicAccess,
    response: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'mysql']) }),
  }),
  getShopInfo: defineRoute({
    method: 'get',
    path: '/shop',
    summary:
      "The shop's name, contact details, exchange rate, riel rounding, QR lifetime and delivery fees, and whether " +
      'payments are simulated (demo)',
    tag: 'system',
    access: publicAccess,
    response: shopInfoSchema,
  }),
} as const;
