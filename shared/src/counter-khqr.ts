import { z } from 'zod';
import { currencySchema } from './orders';
import { ulidSchema } from './sync';

/**
 * A counter's online KHQR (decision 0006): the counter asks the server for a dynamic KHQR of what is due, shows it,
 * and polls until the server's one payment job (the same Bakong check as web orders) says it was paid. The sale is
 * pushed later with the request's md5 (or id), and the server ties the paid request to the sale's order.
 */
const amount = z.number().int().min(1).max(1_000_000_000_000);

export const counterKhqrBodySchema = z
  .object({
    /** Made by the counter (ULID): asking again with the same id and content answers the same QR. */
    id: ulidSchema,
    /** USD cents or whole riel. */
    amount,
    currency: currencySchema,
  })
  .meta({ id: 'CounterKhqrRequest' });
export type CounterKhqrBody = z.infer<typeof counterKhqrBodySchema>;

/** `paid` once Bakong confirmed the money reached the shop's account as asked; `expired` when it can no longer pay. */
export const counterKhqrStatuses = ['pending', 'paid', 'expired'] as const;
export type CounterKhqrStatus = (typeof counterKhqrStatuses)[number];

export const counterKhqrStateSchema = z
  .object({
    id: z.string(),
    status: z.enum(counterKhqrStatuses),
    md5: z.string(),
    amount,
    currency: currencySchema,
    expiresAt: z.number().int(),
    /** Set when Bakong reported money that does not match the QR (amount, currency, account): staff review it. */
    problem: z.string().optional(),
  })
  .meta({ id: 'CounterKhqrState' });
export type CounterKhqrState = z.infer<typeof counterKhqrStateSchema>;

export const counterKhqrSchema = counterKhqrStateSchema
  .extend({
    /** The KHQR string to render as a QR code. */
    khqr: z.string(),
  })
  .meta({ id: 'CounterKhqr' });
export type CounterKhqr = z.infer<typeof counterKhqrSchema>;
